using Microsoft.Extensions.Options;
using PrimeTech.Billing.Documents;
using PrimeTech.Billing.Pdf;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Contracts;

namespace PrimeTech.Billing.Invoices;

/// <summary>Render one PDF revision of an invoice and store it (Billing-internal, asynchronous).</summary>
public sealed record RenderInvoicePdf(Guid InvoiceId, int Revision);

/// <summary>
/// Renders the revision's PDF and has Storage keep it (<see cref="StoredPdfs"/>, no transaction open),
/// then records where it is on the invoice's version and, for the first revision (issued at checkout,
/// awaiting payment), cascades the email that carries it in the same transaction. A revision already
/// stored is left alone, so a redelivery sends no second email.
/// </summary>
public static class RenderInvoicePdfHandler
{
    public static async Task<OutgoingMessages> Handle(
        RenderInvoicePdf command, IDocumentSession session, IGeneratedDocumentStorage storage, IOptions<SiteOptions> site, CancellationToken ct)
    {
        var messages = new OutgoingMessages();
        var rendered = await session.LoadAsync<Invoice>(command.InvoiceId, ct);
        var pdf = rendered?.Pdfs.SingleOrDefault(p => p.Revision == command.Revision);
        if (rendered is null || pdf is null || pdf.StoredAt is not null)
            return messages;

        var stored = await StoredPdfs.StoreAsync(storage, pdf, DocumentPurposes.InvoicePdf, rendered.FileName(),
            InvoicePdfDocument.Render(rendered, pdf.StatusShown), rendered.CustomerId, ct);

        // Read again for the write: a payment may have changed the invoice while its PDF was stored.
        var invoice = await session.LoadAsync<Invoice>(command.InvoiceId, ct);
        pdf = invoice!.Pdfs.Single(p => p.Revision == command.Revision);
        if (pdf.StoredAt is not null)
            return messages;
        pdf.RecordStored(stored);
        session.Store(invoice);
        if (pdf.Revision == 1 && pdf.StatusShown == InvoiceStatus.Issued)
            messages.Add(BillingDocumentEmail.Invoice(invoice, stored, site.Value));
        return messages;
    }
}
