using Microsoft.Extensions.Options;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Ordering.Contracts;

namespace PrimeTech.Billing.Invoices;

/// <summary>
/// Issues the invoice of an order, or returns the one it has: one order, one invoice, ever.
/// <para>
/// The checkout flow asks for it synchronously (<see cref="IssueInvoiceForOrder"/>) so the customer
/// gets the number at once; Ordering's <see cref="OrderPlaced"/>, committed with the order through
/// its durable outbox, runs the same code as a safety net if the request dies in between.
/// </para>
/// <para>
/// Both take a per-order lock first, so concurrent issuers of one order queue and the second finds
/// the first's invoice (the unique index on the order id backs this up). Only then is the number
/// taken from the gap-free series, in the transaction that stores the invoice: a failure rolls both
/// back, so no number is ever lost.
/// </para>
/// </summary>
public static class IssueInvoiceForOrderHandler
{
    public static Task<(IssuedInvoice, OutgoingMessages)> Handle(
        IssueInvoiceForOrder command, IDocumentSession session, IOptions<SellerOptions> seller, TimeProvider clock, CancellationToken ct) =>
        InvoiceIssuer.IssueAsync(command, session, seller.Value, clock, ct);
}

public static class OrderPlacedHandler
{
    public static async Task<OutgoingMessages> Handle(
        OrderPlaced placed, IDocumentSession session, IOptions<SellerOptions> seller, TimeProvider clock, CancellationToken ct)
    {
        var command = new IssueInvoiceForOrder(
            placed.OrderId, placed.OrderNumber, placed.CustomerId, placed.CustomerEmail, placed.CustomerName, placed.PlacedAt,
            placed.Lines.Select(l => new InvoiceOrderLine(
                l.ProductId, l.Sku, l.Name, l.IsLicensed, l.Quantity, l.UnitPriceNetPence, l.VatRatePercent,
                l.NetPence, l.VatPence, l.GrossPence)).ToList(),
            placed.NetPence, placed.VatPence, placed.GrossPence,
            placed.BillingDetails is { } d
                ? new BillingDetails(d.Name, d.CompanyName, d.AddressLine1, d.AddressLine2, d.City, d.Postcode, d.Country, d.VatNumber)
                : null);
        var (_, messages) = await InvoiceIssuer.IssueAsync(command, session, seller.Value, clock, ct);
        return messages;
    }
}

internal static class InvoiceIssuer
{
    /// <summary>The lock scope shared by every writer of an order's invoice.</summary>
    public const string LockScope = "billing.invoice-of-order";

    public static async Task<(IssuedInvoice, OutgoingMessages)> IssueAsync(
        IssueInvoiceForOrder command, IDocumentSession session, SellerOptions seller, TimeProvider clock, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        await TransactionLock.AcquireAsync(session, LockScope, command.OrderId, ct);

        var existing = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.OrderId == command.OrderId, ct);
        if (existing is not null)
            return (Issued(existing), messages);

        var cancelledFirst = await session.LoadAsync<CancelledBeforeInvoice>(command.OrderId, ct);
        var now = clock.GetUtcNow();
        var invoice = new Invoice
        {
            Id = Guid.NewGuid(),
            OrderId = command.OrderId,
            OrderNumber = command.OrderNumber,
            CustomerId = command.CustomerId,
            Seller = new InvoiceSeller
            {
                Name = seller.Name,
                AddressLines = [.. seller.AddressLines],
                VatNumber = seller.VatNumber,
                Email = seller.Email,
            },
            Buyer = InvoiceBuyer.From(command.CustomerName, command.CustomerEmail, command.BillingDetails),
            Lines = command.Lines.Select(l => new InvoiceLine
            {
                ProductId = l.ProductId,
                Sku = l.Sku,
                Name = l.Name,
                IsLicensed = l.IsLicensed,
                Quantity = l.Quantity,
                UnitPriceNetPence = l.UnitPriceNetPence,
                VatRatePercent = l.VatRatePercent,
                NetPence = l.NetPence,
                VatPence = l.VatPence,
                GrossPence = l.GrossPence,
            }).ToList(),
            NetPence = command.NetPence,
            VatPence = command.VatPence,
            GrossPence = command.GrossPence,
            Status = cancelledFirst is null ? InvoiceStatus.Issued : InvoiceStatus.Void,
            IssuedAt = now,
            VoidedAt = cancelledFirst is null ? null : now,
        };
        var pdf = invoice.RequestPdf(now);

        // Last, just before the write batch and the commit: the series' row stays locked until then.
        var year = London.ToLocal(now).Year;
        var sequence = await NumberSeries.NextAsync(
            session, BillingModule.Schema, YearlySeries.SeriesName(Invoice.NumberPrefix, year), YearlySeries.MaxPerYear, ct);
        invoice.Number = YearlySeries.Format(Invoice.NumberPrefix, year, sequence);
        session.Insert(invoice);

        messages.Add(new InvoiceIssued(invoice.OrderId, invoice.OrderNumber, invoice.Number, invoice.IssuedAt));
        messages.Add(new RenderInvoicePdf(invoice.Id, pdf.Revision));
        return (Issued(invoice), messages);
    }

    private static IssuedInvoice Issued(Invoice invoice) => new(invoice.Id, invoice.Number, invoice.Status.ToString());
}
