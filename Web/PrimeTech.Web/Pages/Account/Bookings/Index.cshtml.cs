using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Web.Pages.Bookings;
using Wolverine;

namespace PrimeTech.Web.Pages.Account.Bookings;

[Authorize]
public sealed class IndexModel(IMessageBus bus) : PageModel
{
    public IReadOnlyList<CustomerBookingView> Bookings { get; private set; } = [];

    public async Task OnGetAsync() =>
        Bookings = await bus.InvokeAsync<IReadOnlyList<CustomerBookingView>>(new ListMyBookings(User.RequiredUserId()));

    public async Task<IActionResult> OnPostCancelAsync(string reference)
    {
        try
        {
            await bus.InvokeAsync<CustomerBookingView>(new CancelBooking(reference, null, User.RequiredUserId()));
            TempData["Flash"] = $"Booking {reference} has been cancelled. We have emailed you a confirmation.";
            return RedirectToPage();
        }
        catch (DomainException e)
        {
            PageErrors.AddTo(ModelState, e);
            await OnGetAsync();
            return Page();
        }
    }
}
