using PrimeTech.Billing.Contracts;
using PrimeTech.Ordering.Contracts;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Ordering.Flows;

/// <summary>
/// Checkout under Policy B, used by the API and the cart page alike. Each step is a message to
/// the module that owns it, in its own transaction; none is left half done:
/// <list type="number">
/// <item>Billing's <see cref="GetCheckoutBillingDetails"/> gives the customer's saved billing
/// details (BILLING_DETAILS_REQUIRED if there are none), which the order and the invoice keep as
/// they are now.</item>
/// <item>Ordering's <see cref="PlaceOrder"/> stores the order and empties the cart, and in the same
/// transaction puts <see cref="OrderPlaced"/> in the durable outbox.</item>
/// <item>Billing's <see cref="IssueInvoiceForOrder"/> issues the invoice now, so its number is in
/// the answer. If this request dies before that, <see cref="OrderPlaced"/> makes Billing issue it
/// anyway; both paths return the order's one invoice.</item>
/// <item>Billing's <see cref="StartCheckout"/> gives the Stripe Checkout Session to pay it at (the
/// open one if there is one). If Stripe cannot be reached the order stays pending with its invoice
/// and the answer is PAYMENT_PROVIDER_ERROR naming both, so the customer can "Pay now" later.</item>
/// </list>
/// A double submit (same cart revision) gets the same order, invoice and session back.
/// </summary>
public static class CheckoutFlow
{
    public static async Task<CheckoutOutcome> RunAsync(
        IMessageBus bus, Customer customer, long cartRevision, CancellationToken ct)
    {
        if (!customer.EmailVerified)
            throw new DomainException(ErrorCode.EmailNotVerified, "Verify your email address before you check out.");

        var billing = await bus.InvokeAsync<BillingDetails>(new GetCheckoutBillingDetails(customer.Id), ct);
        var placed = await bus.InvokeAsync<PlacedOrder>(
            new PlaceOrder(customer.Id, customer.Email, customer.Name, cartRevision, SnapshotOf(billing)), ct);
        var invoice = await bus.InvokeAsync<IssuedInvoice>(IssueInvoiceFor(placed.Snapshot), ct);
        var checkout = await StartCheckoutAsync(bus, placed.Snapshot, invoice, ct);

        return new CheckoutOutcome(new CheckoutResult(placed.OrderNumber, invoice.InvoiceNumber, checkout.CheckoutUrl), Created: !placed.Replayed);
    }

    /// <summary>The payment page for an order whose invoice exists; Stripe's failure names the order and invoice.</summary>
    public static async Task<CheckoutStarted> StartCheckoutAsync(IMessageBus bus, OrderPlaced order, IssuedInvoice invoice, CancellationToken ct)
    {
        try
        {
            return await bus.InvokeAsync<CheckoutStarted>(new StartCheckout(order.OrderId, order.OrderNumber, order.CustomerEmail), ct);
        }
        catch (DomainException e) when (e.Error == ErrorCode.PaymentProviderError)
        {
            throw new DomainException(e.Error,
                $"We created order {order.OrderNumber} but could not open the payment page. Try \"Pay now\" in a moment.",
                extensions: new Dictionary<string, string>
                {
                    ["orderNumber"] = order.OrderNumber,
                    ["invoiceNumber"] = invoice.InvoiceNumber,
                });
        }
    }

    public static IssueInvoiceForOrder IssueInvoiceFor(OrderPlaced order) =>
        new(order.OrderId, order.OrderNumber, order.CustomerId, order.CustomerEmail, order.CustomerName, order.PlacedAt,
            order.Lines.Select(l => new InvoiceOrderLine(
                l.ProductId, l.Sku, l.Name, l.IsLicensed, l.Quantity, l.UnitPriceNetPence, l.VatRatePercent,
                l.NetPence, l.VatPence, l.GrossPence)).ToList(),
            order.NetPence, order.VatPence, order.GrossPence,
            order.BillingDetails is { } d
                ? new BillingDetails(d.Name, d.CompanyName, d.AddressLine1, d.AddressLine2, d.City, d.Postcode, d.Country, d.VatNumber)
                : null);

    private static OrderBillingDetails SnapshotOf(BillingDetails d) =>
        new(d.Name, d.CompanyName, d.AddressLine1, d.AddressLine2, d.City, d.Postcode, d.Country, d.VatNumber);
}
