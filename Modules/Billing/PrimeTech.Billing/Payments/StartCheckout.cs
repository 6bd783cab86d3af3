using PrimeTech.BuildingBlocks.Persistence;
using Marten;
using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Billing.Payments;

/// <summary>
/// Where the customer pays an invoice. Under the invoice's lock (so a double click or two tabs get
/// one session): the newest open session with more than five minutes left is offered again;
/// otherwise a new Stripe Checkout Session is created and recorded. Its idempotency key counts the
/// invoice's sessions, so if this transaction fails after Stripe answered, the retry gets the same
/// session back instead of a second one.
/// </summary>
public static class StartCheckoutHandler
{
    public static async Task<CheckoutStarted> Handle(
        StartCheckout command, IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, command.OrderId, ct);
        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == command.OrderId, ct)
                      ?? throw DomainException.NotFound("The invoice of this order");
        if (invoice.Status != InvoiceStatus.Issued)
            throw new DomainException(BillingErrors.OrderNotPending, $"Order {invoice.OrderNumber} is not awaiting payment.");

        var now = clock.GetUtcNow();
        var sessions = await session.Query<CheckoutSessionRecord>().Where(s => s.InvoiceId == invoice.Id).ToListAsync(ct);
        var open = sessions.Where(s => s.IsReusable(now)).OrderByDescending(s => s.CreatedAt).FirstOrDefault();
        if (open is not null)
            return new CheckoutStarted(open.Url, open.Id, open.ExpiresAt);

        var created = await stripe.CreateCheckoutSessionAsync(invoice, command.CustomerEmail, sessions.Count + 1, ct);
        var record = new CheckoutSessionRecord
        {
            Id = created.Id,
            InvoiceId = invoice.Id,
            InvoiceNumber = invoice.Number,
            OrderNumber = invoice.OrderNumber,
            Url = created.Url,
            Status = CheckoutSessionStatus.Open,
            CreatedAt = now,
            ExpiresAt = new DateTimeOffset(DateTime.SpecifyKind(created.ExpiresAt, DateTimeKind.Utc)),
        };
        session.Store(record);
        return new CheckoutStarted(record.Url, record.Id, record.ExpiresAt);
    }
}
