using PrimeTech.Ordering.Flows;
using PrimeTech.Ordering;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Web.Pages;

/// <summary>
/// "Pay now" on a pending order, from the order page and the cancelled-payment page: the same
/// <see cref="PayOrderFlow"/> as the API, then 303 to Stripe's payment page.
/// </summary>
public static class PayNow
{
    /// <remarks>A number of only spaces binds as null: no such order.</remarks>
    public static async Task<IActionResult> PostAsync(PageModel page, IMessageBus bus, string? number)
    {
        if (string.IsNullOrWhiteSpace(number)) return page.NotFound();
        var orderPage = $"/account/orders/{number.Trim().ToUpperInvariant()}";
        try
        {
            var result = await PayOrderFlow.RunAsync(bus, Customer.From(page.User), number, page.HttpContext.RequestAborted);
            return new SeeOtherResult(result.CheckoutUrl);
        }
        catch (DomainException e) when (e.Error == OrderingErrors.OrderNotPending)
        {
            page.TempData["FlashError"] = "This order is not awaiting payment.";
            return new SeeOtherResult(orderPage);
        }
        catch (DomainException e) when (e.Error == ErrorCode.EmailNotVerified)
        {
            page.TempData["FlashError"] = "Verify your email address before you pay.";
            return new SeeOtherResult(orderPage);
        }
        catch (DomainException e) when (e.Error == ErrorCode.PaymentProviderError)
        {
            page.TempData["FlashError"] = "We could not open the payment page. Try \"Pay now\" again in a moment.";
            return new SeeOtherResult(orderPage);
        }
    }
}
