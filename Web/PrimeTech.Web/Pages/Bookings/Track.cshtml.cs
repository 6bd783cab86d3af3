using System.ComponentModel.DataAnnotations;
using PrimeTech.Booking;
using PrimeTech.Booking.Bookings;

namespace PrimeTech.Web.Pages.Bookings;

/// <summary>Reference + email → the booking, its history with our notes to the customer, and a cancel button.</summary>
[EnableRateLimiting(BookingRateLimits.Track)]
public sealed class TrackModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["reference"] = nameof(Reference),
        ["email"] = nameof(Email),
    };

    [BindProperty(SupportsGet = true), Display(Name = "Booking reference")] public string? Reference { get; set; }
    [BindProperty, Display(Name = "Email address")] public string? Email { get; set; }
    [BindProperty, Display(Name = "Reason for cancelling (optional)")] public string? Reason { get; set; }

    public TrackedBooking? Booking { get; private set; }
    public string? ConfirmedEmail { get; private set; }
    public string? Message { get; private set; }

    public IReadOnlyDictionary<string, string> ErrorFields => Fields;

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        Booking = (await bus.InvokeAsync<TrackingAnswer>(new TrackBooking(Reference, Email))).OrThrow();
        ConfirmedEmail = Email;
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        ModelState.Clear();
        Booking = (await bus.InvokeAsync<CancelledBooking>(new CancelBooking(Reference ?? "", Email, Reason, null))).OrThrow();
        ConfirmedEmail = Email;
        Message = "Your booking has been cancelled. We have emailed you a confirmation.";
        return Page();
    }

    /// <summary>
    /// The error beside the form with 200 (no such booking too); a reference or email locked after too
    /// many failures answers 429 (the filter adds <c>Retry-After</c>).
    /// </summary>
    public bool ShowsOnPage(DomainException error) => true;

    public int ErrorStatus(DomainException error) =>
        error.RetryAfter is null ? StatusCodes.Status200OK : StatusCodes.Status429TooManyRequests;

    /// <summary>A booking that can no longer be cancelled (409) is shown as it is now.</summary>
    public async Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        if (error.Error.Status != StatusCodes.Status409Conflict) return;
        Booking = (await bus.InvokeAsync<TrackingAnswer>(new TrackBooking(Reference, Email), ct)).Booking;
        ConfirmedEmail = Email;
    }
}
