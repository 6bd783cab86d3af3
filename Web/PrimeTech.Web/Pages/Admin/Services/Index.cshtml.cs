using Microsoft.AspNetCore.Authorization;
using PrimeTech.Booking.Services;

namespace PrimeTech.Web.Pages.Admin.Services;

[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(IMessageBus bus) : PageModel
{
    public IReadOnlyList<AdminServiceView> Services { get; private set; } = [];

    public async Task OnGetAsync() =>
        Services = (await bus.InvokeAsync<ItemList<AdminServiceView>>(new ListAllServices())).Items;
}
