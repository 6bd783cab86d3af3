using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>
/// The gap-free <c>CRN-YYYY-NNNNNN</c> series (London year), with the rules of INV and RCP: a credit
/// note is inserted with a pending placeholder and numbered by one statement queued last in the
/// transaction that inserts it (<see cref="NumberSeries.AssignLastAsync"/>), so a rollback takes its
/// number back with it and the series' row is locked only from that statement to the commit.
/// </summary>
internal static class CreditNoteNumbers
{
    private const string PendingPrefix = "PENDING-";

    public static string Pending(Guid creditNoteId) => PendingPrefix + creditNoteId.ToString("N");

    public static bool IsPending(CreditNote note) => note.Number.StartsWith(PendingPrefix, StringComparison.Ordinal);

    /// <summary>Queues the numbering statement of one credit note and of the refund it completes; call it after every other write.</summary>
    public static Task AssignLastAsync(IDocumentSession session, CreditNote note, DateTimeOffset now, CancellationToken ct) =>
        NumberSeries.AssignLastAsync(session, BillingModule.Schema,
            YearlySeries.SeriesName(CreditNote.NumberPrefix, London.ToLocal(now).Year), YearlySeries.MaxPerYear,
            [new NumberTarget("mt_doc_creditnote", "number", note.Id), new NumberTarget("mt_doc_refund", "creditNoteNumber", note.RefundId)], ct);
}
