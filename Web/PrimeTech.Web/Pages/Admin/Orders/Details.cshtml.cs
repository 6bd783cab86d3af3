using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Ordering.Orders;
using Wolverine;

namespace PrimeTech.Web.Pages.Admin.Orders;

public sealed class DetailsModel(IMessageBus bus) : PageModel
{
    public AdminOrderDetail Detail { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync(string number)
    {
        try
        {
            Detail = await AdminOrderDetailFlow.RunAsync(bus, number, HttpContext.RequestAborted);
            return Page();
        }
        catch (DomainException e) when (e.Error == ErrorCode.NotFound)
        {
            return NotFound();
        }
    }
}
