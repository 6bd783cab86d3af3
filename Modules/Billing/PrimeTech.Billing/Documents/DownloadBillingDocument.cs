using PrimeTech.Billing.Flows;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.Payments;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Documents;

/// <summary>
/// The stored PDF of an invoice (<c>INV-…</c>), a receipt (<c>RCP-…</c>) or a credit note (<c>CRN-…</c>), for its owner or an
/// admin; anyone else gets NOT_FOUND so that the number's existence is not revealed.
/// DOCUMENT_NOT_READY until the PDF is stored.
/// </summary>
public static class GetBillingDocumentHandler
{
    public static async Task<BillingDocument> Handle(GetBillingDocument query, IDocumentSession session, CancellationToken ct)
    {
        var number = (query.Number ?? "").Trim().ToUpperInvariant();
        if (number.StartsWith(CreditNote.NumberPrefix + "-", StringComparison.Ordinal))
        {
            var note = await session.Query<CreditNote>().FirstOrDefaultAsync(c => c.Number == number, ct);
            if (note is null || (note.CustomerId != query.RequesterId && !query.RequesterIsAdmin))
                throw DomainException.NotFound("The credit note");
            if (note.Pdf.StoredAt is null)
                throw new DomainException(BillingErrors.DocumentNotReady, "The credit note PDF is being prepared. Try again in a moment.");
            return new BillingDocument(note.Pdf.DocumentId, note.FileName(), DocumentPurposes.CreditNotePdf);
        }
        if (number.StartsWith(Receipt.NumberPrefix + "-", StringComparison.Ordinal))
        {
            var receipt = await session.Query<Receipt>().FirstOrDefaultAsync(r => r.Number == number, ct);
            if (receipt is null || (receipt.CustomerId != query.RequesterId && !query.RequesterIsAdmin))
                throw DomainException.NotFound("The receipt");
            if (receipt.Pdf.StoredAt is null)
                throw new DomainException(BillingErrors.DocumentNotReady, "The receipt PDF is being prepared. Try again in a moment.");
            return new BillingDocument(receipt.Pdf.DocumentId, receipt.FileName(), DocumentPurposes.ReceiptPdf);
        }

        var invoice = await session.Query<Invoice>().FirstOrDefaultAsync(i => i.Number == number, ct);
        if (invoice is null || (invoice.CustomerId != query.RequesterId && !query.RequesterIsAdmin))
            throw DomainException.NotFound("The invoice");

        var pdf = invoice.LatestStoredPdf()
                  ?? throw new DomainException(BillingErrors.DocumentNotReady, "The invoice PDF is being prepared. Try again in a moment.");
        return new BillingDocument(pdf.DocumentId, invoice.FileName(), DocumentPurposes.InvoicePdf);
    }
}

/// <summary><c>GET /api/invoices/{INV}/download</c>, <c>GET /api/receipts/{RCP}/download</c> and <c>GET /api/credit-notes/{CRN}/download</c>: a fresh DownloadLink each time.</summary>
public sealed class DownloadBillingDocumentEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        Map(app, "/api/invoices/{number}/download", Invoice.NumberPrefix, "The invoice", "Invoices");
        Map(app, "/api/receipts/{number}/download", Receipt.NumberPrefix, "The receipt", "Receipts");
        Map(app, "/api/credit-notes/{number}/download", CreditNote.NumberPrefix, "The credit note", "Credit notes");
    }

    private static void Map(IEndpointRouteBuilder app, string route, string prefix, string what, string tag) =>
        app.MapGet(route, async (string number, HttpContext http, IMessageBus bus) =>
            {
                // An invoice number on the receipt route (or the reverse) is simply not found there.
                if (!number.Trim().StartsWith(prefix + "-", StringComparison.OrdinalIgnoreCase))
                    throw DomainException.NotFound(what);
                http.Response.Headers.CacheControl = "no-store";
                try
                {
                    return Results.Ok(await BillingDocumentDownloadFlow.RunAsync(bus, number, http));
                }
                catch (DomainException e) when (e.Error == BillingErrors.DocumentNotReady)
                {
                    // The error contract, plus when to ask again.
                    http.Response.Headers.RetryAfter = "2";
                    await ProblemWriter.WriteAsync(http, e);
                    return Results.Empty;
                }
            })
            .RequireAuthorization()
            .RequireRateLimiting(DownloadRateLimit.Policy)
            .WithTags(tag);
}
