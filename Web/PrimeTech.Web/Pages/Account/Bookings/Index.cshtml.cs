using Microsoft.AspNetCore.Authorization;
using PrimeTech.Booking.Bookings;

namespace PrimeTech.Web.Pages.Account.Bookings;

[Authorize]
public sealed class IndexModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    public IReadOnlyList<BookingView> Bookings { get; private set; } = [];

    public async Task OnGetAsync() =>
        Bookings = (await bus.InvokeAsync<Paged<BookingView>>(new ListMyBookings(User.RequiredUserId(), 1, 100))).Items;

    public async Task<IActionResult> OnPostCancelAsync(string reference)
    {
        await bus.InvokeAsync<CancelledBooking>(new CancelBooking(reference, null, null, User.RequiredUserId()));
        TempData["Flash"] = $"Booking {reference} has been cancelled. We have emailed you a confirmation.";
        return RedirectToPage();
    }

    /// <summary>A refused cancellation (an unknown reference too) is shown above the list, which answers 200 as before.</summary>
    public bool ShowsOnPage(DomainException error) => true;

    public int ErrorStatus(DomainException error) => StatusCodes.Status200OK;

    public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) => OnGetAsync();
}
