using PrimeTech.Booking.Flows;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using PrimeTech.Booking.Admin;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Web.Pages.Admin.Bookings;

/// <summary>Bookings by slot: a list filtered by status and day, or a Monday-to-Friday week view.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(IMessageBus bus, TimeProvider clock) : PageModel, IShowsDomainErrors
{
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    [BindProperty(SupportsGet = true)] public string? Week { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }

    [BindProperty] public List<string> Selected { get; set; } = [];
    [BindProperty, Display(Name = "Reason for the customers (optional)")] public string? DeclineReason { get; set; }

    public Paged<AdminBookingView>? Result { get; private set; }
    public DateOnly? WeekStart { get; private set; }
    public static IReadOnlyList<BookingStatus> Statuses { get; } = Enum.GetValues<BookingStatus>();

    /// <summary>The list's filters (the week's from and to are its one field) and the decline form's fields.</summary>
    public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string>
    {
        ["status"] = nameof(Status), ["date"] = nameof(Date), ["from"] = nameof(Week), ["to"] = nameof(Week),
        ["references"] = nameof(Selected), ["reason"] = nameof(DeclineReason),
    };

    public async Task OnGetAsync()
    {
        string? from = null, to = null;
        if (DateOnly.TryParseExact(Week, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            WeekStart = day.AddDays(-(((int)day.DayOfWeek + 6) % 7));
            from = WeekStart.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            to = WeekStart.Value.AddDays(4).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        }
        else if (!string.IsNullOrEmpty(Week))
        {
            ModelState.AddModelError(nameof(Week), "Enter the week as a date, YYYY-MM-DD.");
            return;
        }
        Result = await bus.InvokeAsync<Paged<AdminBookingView>>(
            new ListBookings(Status, WeekStart is null ? Date : null, from, to, Q, 1, 100));
    }

    /// <summary>Declines the ticked requested bookings, each on its own; the flash says what became of every one.</summary>
    [ErrorPrefix("")]
    public async Task<IActionResult> OnPostDeclineAsync()
    {
        ModelState.Clear();
        var result = await DeclineBookingsFlow.RunAsync(bus, new DeclineBookings(Selected, DeclineReason,
            User.FindFirstValue("name") ?? User.FindFirstValue("email") ?? "Staff", User.UserId()), HttpContext.RequestAborted);
        var notDeclined = result.Results.Where(r => r.Outcome != "declined").Select(r => $"{r.Reference} ({r.Detail})").ToList();
        TempData["Flash"] = $"Declined {result.Declined} booking(s); each customer has been emailed."
            + (notDeclined.Count > 0 ? " Not declined: " + string.Join("; ", notDeclined) : "");
        return RedirectToPage(new { status = Status, date = Date, q = Q });
    }

    /// <summary>The booking pages answer 200 with the errors on the form.</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status200OK;

    /// <summary>A refused decline shows the list again; a refused list has nothing more to load.</summary>
    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) =>
        HttpMethods.IsPost(Request.Method) ? OnGetAsync() : Task.CompletedTask;

    public string ThisWeek => London.Today(clock).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public IEnumerable<AdminBookingView> On(DateOnly day) =>
        Result?.Items.Where(b => DateOnly.FromDateTime(London.ToLocal(b.Start)) == day) ?? [];
}
