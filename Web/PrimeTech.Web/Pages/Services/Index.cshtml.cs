using PrimeTech.Booking.Services;

namespace PrimeTech.Web.Pages.Services;

public sealed class IndexModel(IMessageBus bus) : PageModel
{
    public IReadOnlyList<ServiceView> Services { get; private set; } = [];

    public async Task OnGetAsync() => Services = (await bus.InvokeAsync<ItemList<ServiceView>>(new ListServices())).Items;
}
