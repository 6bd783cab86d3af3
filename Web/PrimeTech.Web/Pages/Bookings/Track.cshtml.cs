using System.ComponentModel.DataAnnotations;
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
            Booking = await bus.InvokeAsync<TrackedBooking>(new TrackBooking(Reference, Email));
            ConfirmedEmail = Email;
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e, fields: Fields);
        }
        return Page();
    }

    public async Task<IActionResult> OnPostCancelAsync()
    {
        ModelState.Clear();
        try
        {
            Booking = (await bus.InvokeAsync<CancelledBooking>(new CancelBooking(Reference ?? "", Email, Reason, null))).Tracked;
            ConfirmedEmail = Email;
            Message = "Your booking has been cancelled. We have emailed you a confirmation.";
        }
        catch (DomainException e)
        {
            ModelState.AddDomainErrors(e, fields: Fields);
            if (e.Error.Status == 409)
                {
                Booking = await bus.InvokeAsync<TrackedBooking>(new TrackBooking(Reference, Email));
                ConfirmedEmail = Email;
            }
        }
        return Page();
    }
}
