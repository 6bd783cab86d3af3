using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.Contracts;
using Wolverine.Marten;

namespace PrimeTech.Ordering.Tests;

/// <summary>
/// Billing's events reach Ordering in any order: a partial refund's credit note that arrives before
/// the payment's confirmation still leaves the order partly refunded, with its credit note listed.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class PaymentEventOrderTests(OrderingFixture app)
{
    [Fact]
    public async Task A_credit_note_that_overtakes_the_payment_confirmation_leaves_the_order_partly_refunded()
    {
        var (customer, outcome) = await app.Shop.BuyAsync(price: 5000);
        var order = (await app.Shop.OrderAsync(outcome.Result.OrderNumber))!;
        var paidAt = DateTimeOffset.UtcNow.AddMinutes(-2);
        var creditNote = new CreditNoteIssued(Guid.NewGuid(), "CRN-2026-999001", order.Id, order.Number, outcome.Result.InvoiceNumber, customer.Id,
            "re_overtaking", paidAt.AddMinutes(1), 417, 83, 500, [new CreditedLine(null, "An amount", null, 20m, 417, 83, 500)], [], 500, false);
        var confirmed = new PaymentConfirmed(order.Id, order.Number, outcome.Result.InvoiceNumber, "RCP-2026-999001", customer.Id, customer.Email,
            customer.Name, 6000, "GBP", paidAt, []);

        await InSessionAsync(s => CreditNoteIssuedHandler.LoadAsync(creditNote, s, default), o => CreditNoteIssuedHandler.Handle(creditNote, o));
        await InSessionAsync(s => PaymentConfirmedHandler.LoadAsync(confirmed, s, default), o => PaymentConfirmedHandler.Handle(confirmed, o));
        // Redelivered, both change nothing.
        await InSessionAsync(s => PaymentConfirmedHandler.LoadAsync(confirmed, s, default), o => PaymentConfirmedHandler.Handle(confirmed, o));
        await InSessionAsync(s => CreditNoteIssuedHandler.LoadAsync(creditNote, s, default), o => CreditNoteIssuedHandler.Handle(creditNote, o));

        var after = (await app.Shop.OrderAsync(order.Number))!;
        Assert.Equal(OrderStatus.PartiallyRefunded, after.Status);
        Assert.Equal([OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.PartiallyRefunded], after.History.Select(h => h.To));
        Assert.Equal("RCP-2026-999001", after.ReceiptNumber);
        Assert.Equal("CRN-2026-999001", Assert.Single(after.CreditNotes).Number);
    }

    /// <summary>One handler's load, decision and storage effects in a session of its own, as Wolverine runs them.</summary>
    private async Task InSessionAsync(Func<IDocumentSession, Task<Order?>> load, Func<Order?, IEnumerable<IMartenOp>> handle)
    {
        await using var session = app.Host.Services.GetRequiredService<IOrderingStore>().LightweightSession();
        foreach (var effect in handle(await load(session)))
            effect.Execute(session);
        await session.SaveChangesAsync();
    }
}
