using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.Booking.Admin;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Web.Pages.Bookings;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Bookings;

/// <summary>Bookings by slot: a list filtered by status and day, or a Monday-to-Friday week view.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(IMessageBus bus, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    [BindProperty(SupportsGet = true)] public string? Week { get; set; }

    public BookingListView? Result { get; private set; }
    public DateOnly? WeekStart { get; private set; }
    public static IReadOnlyList<BookingStatus> Statuses { get; } = Enum.GetValues<BookingStatus>();

    public async Task OnGetAsync()
    {
        try
        {
            Result = await bus.InvokeAsync<BookingListView>(new ListBookings(Status, Date, Week));
            if (!string.IsNullOrEmpty(Week) && Result.From is { } from)
                WeekStart = DateOnly.ParseExact(from, "yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        catch (DomainException e)
        {
            PageErrors.AddTo(ModelState, e, new Dictionary<string, string>
            {
                ["status"] = nameof(Status), ["date"] = nameof(Date), ["week"] = nameof(Week),
            });
        }
    }

    public string ThisWeek => London.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public IEnumerable<AdminBookingView> On(DateOnly day) =>
        Result?.Bookings.Where(b => DateOnly.FromDateTime(London.ToLocal(b.SlotStart)) == day) ?? [];
}
