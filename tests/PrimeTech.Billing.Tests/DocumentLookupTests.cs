using Marten;
using Marten.Linq;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrimeTech.Billing.Documents;

namespace PrimeTech.Billing.Tests;

/// <summary>
/// A storage report finds its invoice, receipt or credit note by an index, not by reading the whole
/// table (D-149): the plans of the handler's own queries, with sequential scans priced out.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class DocumentLookupTests(PaymentsFixture app)
{
    [Fact]
    public async Task Storage_reports_find_their_document_by_an_index()
    {
        await using var session = app.Host.Services.GetRequiredService<IBillingStore>().QuerySession();
        var documentId = Guid.NewGuid();

        Assert.Contains("ix_invoice_pdfs", await PlanAsync(DocumentsByPdf.Invoice(session, documentId).ToCommand(FetchType.FetchOne)));
        Assert.Contains("ix_receipt_pdf_document_id", await PlanAsync(DocumentsByPdf.Receipt(session, documentId).ToCommand(FetchType.FetchOne)));
        Assert.Contains("ix_credit_note_pdf_document_id", await PlanAsync(DocumentsByPdf.CreditNote(session, documentId).ToCommand(FetchType.FetchOne)));
    }

    private async Task<string> PlanAsync(NpgsqlCommand query)
    {
        await using var connection = await app.Host.Services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync();
        await using (var off = new NpgsqlCommand("set enable_seqscan = off", connection))
            await off.ExecuteNonQueryAsync();
        await using var explain = new NpgsqlCommand("explain " + query.CommandText, connection);
        foreach (NpgsqlParameter parameter in query.Parameters)
            explain.Parameters.Add(parameter.Clone());
        var plan = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            plan.Add(reader.GetString(0));
        return string.Join('\n', plan);
    }
}
