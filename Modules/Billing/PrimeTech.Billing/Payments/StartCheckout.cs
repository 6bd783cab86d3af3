using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Billing.Payments;

/// <summary>
/// Where the customer pays an invoice. Read first, with nothing locked: the newest open session with
/// more than five minutes left is offered again; otherwise Stripe is asked for a new Checkout
/// Session, outside any transaction. Its idempotency key counts the invoice's sessions, so a double
/// click, two tabs or a retry after a failed commit get the same session back instead of a second
/// one. Only then, under the invoice's lock, is the session recorded, unless the invoice stopped
/// awaiting payment meanwhile or a concurrent request recorded it first.
/// </summary>
public static class StartCheckoutHandler
{
    public static async Task<CheckoutStarted> Handle(
        StartCheckout command, IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
    {
        var invoice = await PayableInvoiceAsync(session, command.OrderId, ct);
        var now = clock.GetUtcNow();
        var sessions = await session.Query<CheckoutSessionRecord>().Where(s => s.InvoiceId == invoice.Id).ToListAsync(ct);
        if (Reusable(sessions, now) is { } open)
            return new CheckoutStarted(open.Url, open.Id, open.ExpiresAt);

        var created = await stripe.CreateCheckoutSessionAsync(invoice, command.CustomerEmail, sessions.Count + 1, ct);

        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, command.OrderId, ct);
        invoice = await PayableInvoiceAsync(session, command.OrderId, ct);
        var recorded = await session.Query<CheckoutSessionRecord>().Where(s => s.InvoiceId == invoice.Id).ToListAsync(ct);
        if (recorded.FirstOrDefault(s => s.Id == created.Id) is { } same)
            return new CheckoutStarted(same.Url, same.Id, same.ExpiresAt);
        if (Reusable(recorded, now) is { } openMeanwhile)
            return new CheckoutStarted(openMeanwhile.Url, openMeanwhile.Id, openMeanwhile.ExpiresAt);

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

    private static async Task<Invoice> PayableInvoiceAsync(IDocumentSession session, Guid orderId, CancellationToken ct)
    {
        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == orderId, ct)
                      ?? throw DomainException.NotFound("The invoice of this order");
        if (invoice.Status != InvoiceStatus.Issued)
            throw new DomainException(BillingErrors.OrderNotPending, $"Order {invoice.OrderNumber} is not awaiting payment.");
        return invoice;
    }

    private static CheckoutSessionRecord? Reusable(IEnumerable<CheckoutSessionRecord> sessions, DateTimeOffset now) =>
        sessions.Where(s => s.IsReusable(now)).OrderByDescending(s => s.CreatedAt).FirstOrDefault();
}
