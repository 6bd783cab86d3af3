using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.Booking.Admin;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Bookings;

/// <summary>One booking with its full history, and the status change form.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class DetailModel(IMessageBus bus) : PageModel
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

    public async Task<IActionResult> OnGetAsync(string reference)
    {
        try
        {
            Booking = await bus.InvokeAsync<AdminBookingView>(new GetBooking(reference));
            return Page();
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
    }

    public async Task<IActionResult> OnPostAsync(string reference)
    {
        ModelState.Clear();
        try
        {
            var changed = await bus.InvokeAsync<AdminBookingView>(new ChangeBookingStatus(
                reference, NewStatus, CustomerNote, InternalNote,
                User.FindFirstValue("name") ?? User.FindFirstValue("email") ?? "Staff", User.UserId()));
            var now = BookingStatusText.Parse(changed.Status);
            TempData["Flash"] = $"Booking {changed.Reference} is now {now.Words()}. The customer has been emailed.";
            return RedirectToPage(new { reference = changed.Reference });
        }
        catch (DomainException e) when (e.Error != ErrorCode.NotFound)
        {
            ModelState.AddDomainErrors(e, fields: Fields);
        }
        catch (DomainException)
        {
            return NotFound();
        }
        Booking = await bus.InvokeAsync<AdminBookingView>(new GetBooking(reference));
        return Page();
    }
}
