using PrimeTech.Billing.Contracts;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Ordering.Flows;

/// <summary>
/// "Pay now" on a pending order (API and pages): the order (Ordering), its one invoice — the
/// existing one (Billing), then the open Checkout Session or, only if the last one expired or
/// failed, a new one (Billing).
/// </summary>
public static class PayOrderFlow
{
    public static async Task<CheckoutResult> RunAsync(IMessageBus bus, Customer customer, string orderNumber, CancellationToken ct)
    {
        if (!customer.EmailVerified)
            throw new DomainException(ErrorCode.EmailNotVerified, "Verify your email address before you pay.");

        var order = await bus.InvokeAsync<OrderPlaced>(new GetOrderForPayment(orderNumber, customer.Id), ct);
        var invoice = await bus.InvokeAsync<IssuedInvoice>(CheckoutFlow.IssueInvoiceFor(order), ct);
        var checkout = await bus.InvokeAsync<CheckoutStarted>(new StartCheckout(order.OrderId, order.OrderNumber, order.CustomerEmail), ct);
        return new CheckoutResult(order.OrderNumber, invoice.InvoiceNumber, checkout.CheckoutUrl);
    }
}
