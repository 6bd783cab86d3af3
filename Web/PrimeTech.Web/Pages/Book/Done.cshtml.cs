using PrimeTech.Booking.Bookings;
using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Web.Pages.Book;

/// <summary>
/// Shows the new reference; personal details are not shown on a URL anyone could open. Without a
/// reference there is nothing to confirm: the way to a booking is tracking it (FRONTEND_HANDOFF §2).
/// </summary>
public sealed class DoneModel : PageModel
{
    public string Reference { get; private set; } = "";
    public string? Email { get; private set; }

    public IActionResult OnGet(string? reference)
    {
        if (!DatedReference.TryNormalise(ServiceBooking.ReferencePrefix, reference, out var normalised))
            return RedirectToPage("/Bookings/Track");
        Reference = normalised;
        Email = TempData["BookedEmail"] as string;
        return Page();
    }
}
