using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PrimeTech.Booking.Admin;
using PrimeTech.Booking.Bookings;

namespace PrimeTech.Web.Pages.Admin.Bookings;

/// <summary>One booking with its full history, and the status change form.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DetailModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["status"] = nameof(NewStatus),
        ["customerNote"] = nameof(CustomerNote),
        ["internalNote"] = nameof(InternalNote),
    };

    public AdminBookingView Booking { get; private set; } = null!;

    [BindProperty, Display(Name = "New status")] public string? NewStatus { get; set; }
    [BindProperty, Display(Name = "Note for the customer (optional)")] public string? CustomerNote { get; set; }
    [BindProperty, Display(Name = "Internal note (optional, staff only)")] public string? InternalNote { get; set; }

    public IReadOnlyDictionary<string, string> ErrorFields => Fields;

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        Booking = await bus.InvokeAsync<AdminBookingView>(new GetBooking(reference));
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        ModelState.Clear();
        var changed = await bus.InvokeAsync<AdminBookingView>(new ChangeBookingStatus(
            reference, NewStatus, CustomerNote, InternalNote,
            User.FindFirstValue("name") ?? User.FindFirstValue("email") ?? "Staff", User.UserId()));
        var now = BookingStatusText.Parse(changed.Status);
        TempData["Flash"] = $"Booking {changed.Reference} is now {now.Words()}. The customer has been emailed.";
        return RedirectToPage(new { reference = changed.Reference });
    }

    /// <summary>The booking pages answer 200 with the errors on the form.</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status200OK;

    public async Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) =>
        Booking = await bus.InvokeAsync<AdminBookingView>(new GetBooking((string)RouteData.Values["reference"]!), ct);
}
