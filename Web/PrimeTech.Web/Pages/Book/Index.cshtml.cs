using System.ComponentModel.DataAnnotations;
using System.Security.Claims;
using PrimeTech.Booking;
using PrimeTech.Booking.Availability;
using PrimeTech.Booking.Bookings;
using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Time;
using System.Globalization;

namespace PrimeTech.Web.Pages.Book;

/// <summary>
/// Booking in three steps that work without JavaScript: choose a service, then a day and a free
/// slot (plain GET forms and links), then the contact details (POST).
/// </summary>
[EnableRateLimiting(BookingRateLimits.Create)]
public sealed class IndexModel(IMessageBus bus, TimeProvider clock) : PageModel, IShowsDomainErrors
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["serviceSlug"] = nameof(Service),
        ["start"] = nameof(Slot),
        ["date"] = nameof(Date),
        ["name"] = "Input.Name",
        ["email"] = "Input.Email",
        ["phone"] = "Input.Phone",
        ["notes"] = "Input.Notes",
    };

    public IReadOnlyDictionary<string, string> ErrorFields => Fields;

    [BindProperty(SupportsGet = true)] public string? Service { get; set; }
    [BindProperty(SupportsGet = true)] public string? Date { get; set; }
    [BindProperty(SupportsGet = true)] public string? Slot { get; set; }
    [BindProperty] public DetailsInput Input { get; set; } = new();

    public IReadOnlyList<ServiceView> Services { get; private set; } = [];
    public ServiceView? Chosen { get; private set; }
    public IReadOnlyList<DateOnly> Days { get; private set; } = [];
    public AvailabilityView? Availability { get; private set; }
    public SlotView? ChosenSlot { get; private set; }
    public bool SignedIn => User.Identity?.IsAuthenticated == true;
    public bool MustVerifyEmail => SignedIn && !User.EmailVerified();

    /// <summary>Signed-in customers book with their account email.</summary>
    public string? AccountEmail => SignedIn ? User.FindFirstValue("email") : null;

    public sealed class DetailsInput
    {
        [Display(Name = "Full name")] public string? Name { get; set; }
        [Display(Name = "Email address")] public string? Email { get; set; }
        [Display(Name = "Phone number")] public string? Phone { get; set; }
        [Display(Name = "Anything the engineer should know (optional)")] public string? Notes { get; set; }
    }

    public async Task OnGetAsync()
    {
        if (SignedIn)
        {
            Input.Name = User.FindFirstValue("name");
            Input.Email = User.FindFirstValue("email");
        }
        await LoadStepsAsync();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        // Only the details are validated here; the handler validates everything and answers with field errors.
        ModelState.Clear();
        var booking = await bus.InvokeAsync<BookingView>(new CreateBooking(
            Service, Slot, Input.Name, Input.Email, Input.Phone, Input.Notes, BookingAccount.Of(User)));
        TempData["BookedEmail"] = booking.ContactEmail;
        return RedirectToPage("/Book/Done", new { reference = booking.Reference });
    }

    /// <summary>A refused booking is shown on the form with 200 (a service or slot no longer offered too); a slot taken meanwhile is chosen again.</summary>
    public bool ShowsOnPage(DomainException error) => true;

    public int ErrorStatus(DomainException error) => StatusCodes.Status200OK;

    /// <summary>A refused booking shows the steps again; a refused day (GET) leaves them as far as they got.</summary>
    public async Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
    {
        if (!HttpMethods.IsPost(Request.Method)) return;
        if (error.Error == BookingErrors.SlotUnavailable) Slot = null;
        await LoadStepsAsync();
    }

    private async Task LoadStepsAsync()
    {
        Services = (await bus.InvokeAsync<ItemList<ServiceView>>(new ListServices())).Items;
        if (string.IsNullOrWhiteSpace(Service)) return;
        Chosen = Services.FirstOrDefault(s => s.Slug.Equals(Service.Trim(), StringComparison.OrdinalIgnoreCase));
        if (Chosen is null)
        {
            if (!ModelState.ContainsKey(nameof(Service)))
                ModelState.AddModelError(nameof(Service), "Choose one of our services.");
            return;
        }

        var today = London.Today(clock);
        Days = Enumerable.Range(0, 28).Select(today.AddDays).Where(WorkingHours.IsWorkingDay).Take(15).ToList();
        if (string.IsNullOrWhiteSpace(Date)) return;
        Availability = await bus.InvokeAsync<AvailabilityView>(new GetAvailability(Chosen.Slug, Date));
        if (!string.IsNullOrWhiteSpace(Slot) && CreateBooking.TryParseStart(Slot, out var start))
        {
            ChosenSlot = Availability.Slots.FirstOrDefault(s => s.Start == start);
            if (ChosenSlot is null && !ModelState.ContainsKey(nameof(Slot)))
                ModelState.AddModelError(nameof(Slot), "That slot is no longer available. Choose another one.");
        }
    }

    public static string SlotValue(SlotView slot) => slot.Start.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
