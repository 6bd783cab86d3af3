using PrimeTech.Billing.Buyers;
using PrimeTech.Billing.Contracts;

namespace PrimeTech.Web.Pages.Account;

/// <summary>The billing details invoices are made out to; a refusal is shown on the form by <see cref="PageErrorFilter"/>.</summary>
public sealed class BillingModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    [BindProperty] public BillingDetailsForm Billing { get; set; } = new();

    public string ErrorPrefix => BillingDetailsForm.Prefix;

    public async Task OnGetAsync()
    {
        var saved = await bus.InvokeAsync<SavedBillingDetails>(new GetBillingDetails(User.RequiredUserId()), HttpContext.RequestAborted);
        Billing = BillingDetailsForm.From(saved.Details, User.DisplayName());
    }

    public async Task<IActionResult> OnPostAsync()
    {
        await bus.InvokeAsync<BillingDetails>(Billing.For(User.RequiredUserId()), HttpContext.RequestAborted);
        TempData["Flash"] = "Your billing details have been saved.";
        return new SeeOtherResult("/account/billing");
    }
}
