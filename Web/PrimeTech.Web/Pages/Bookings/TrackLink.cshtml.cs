using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc.Filters;
using PrimeTech.Booking;
using PrimeTech.Booking.Bookings;

namespace PrimeTech.Web.Pages.Bookings;

/// <summary>
/// The emailed tracking link: the booking without typing anything, and a cancel button. The token
/// is in the address, so the page sends no Referer anywhere and is never cached.
/// </summary>
[EnableRateLimiting(BookingRateLimits.Track)]
public sealed class TrackLinkModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty(SupportsGet = true)] public string? Token { get; set; }
    [BindProperty, Display(Name = "Reason for cancelling (optional)")] public string? Reason { get; set; }

    public TrackedBooking? Booking { get; private set; }
    public string? Message { get; private set; }

    public string ErrorPrefix => "";

    public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["reason"] = nameof(Reason) };

    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        Response.Headers["Referrer-Policy"] = "no-referrer";
        Response.Headers.CacheControl = "no-store";
    }

    public async Task<IActionResult> OnGetAsync()
    {
        Booking = await bus.InvokeAsync<TrackedBooking>(new TrackBookingByLink(Token));
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        ModelState.Clear();
        Booking = await bus.InvokeAsync<TrackedBooking>(new CancelBookingByLink(Token, Reason));
        Message = "Your booking has been cancelled. We have emailed you a confirmation.";
        return Page();
    }

    /// <summary>The booking pages answer 200 with the errors on the form.</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status200OK;

    public async Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) =>
        Booking = await bus.InvokeAsync<TrackedBooking>(new TrackBookingByLink(Token), ct);
}
