using System.ComponentModel.DataAnnotations;
using System.Globalization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using PrimeTech.Booking;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Errors;
using Wolverine;

namespace PrimeTech.Web.Pages.Bookings;

/// <summary>Reference + email → the booking, its history with our notes to the customer, and a cancel button.</summary>
[EnableRateLimiting(BookingRateLimits.Track)]
public sealed class TrackModel(IMessageBus bus) : PageModel
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

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync()
    {
        ModelState.Clear();
        try
        {
            Booking = (await bus.InvokeAsync<TrackingAnswer>(new TrackBooking(Reference, Email))).OrThrow();
            ConfirmedEmail = Email;
        }
        catch (DomainException e)
        {
            ShowError(e);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        ModelState.Clear();
        try
        {
            Booking = (await bus.InvokeAsync<CancelledBooking>(new CancelBooking(Reference ?? "", Email, Reason, null))).OrThrow();
            ConfirmedEmail = Email;
            Message = "Your booking has been cancelled. We have emailed you a confirmation.";
        }
        catch (DomainException e)
        {
            ShowError(e);
            if (e.Error.Status == 409)
            {
                Booking = (await bus.InvokeAsync<TrackingAnswer>(new TrackBooking(Reference, Email))).Booking;
                ConfirmedEmail = Email;
            }
        }
        return Page();
    }

    /// <summary>The error beside the form; a reference or email locked after too many failures answers 429 with <c>Retry-After</c>.</summary>
    private void ShowError(DomainException e)
    {
        ModelState.AddDomainErrors(e, fields: Fields);
        if (e.RetryAfter is not { } wait) return;
        Response.StatusCode = StatusCodes.Status429TooManyRequests;
        Response.Headers.RetryAfter = DomainException.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
    }
}
