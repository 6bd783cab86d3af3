using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Time;
using Wolverine.Marten;

namespace PrimeTech.Billing.CreditNotes;

/// <summary>
/// The gap-free <c>CRN-YYYY-NNNNNN</c> series (London year), with the rules of INV and RCP: a credit
/// note is inserted with a pending placeholder and numbered inside the COMMIT of the
/// transaction that inserts it (<see cref="NumberSeries.AssignLast"/>, D-149), so a rollback takes its
/// number back with it and the series' row is locked for the commit alone.
/// </summary>
internal static class CreditNoteNumbers
{
    private const string PendingPrefix = "PENDING-";

    public static string Pending(Guid creditNoteId) => PendingPrefix + creditNoteId.ToString("N");

    public static bool IsPending(CreditNote note) => note.Number.StartsWith(PendingPrefix, StringComparison.Ordinal);

    private static string SeriesAt(DateTimeOffset now) => YearlySeries.SeriesName(CreditNote.NumberPrefix, London.ToLocal(now).Year);

    /// <summary>Refuses (SERIES_EXHAUSTED) if the year's series is full; while loading, before anything is decided.</summary>
    public static Task EnsureOpenAsync(IDocumentSession session, DateTimeOffset now, CancellationToken ct) =>
        NumberSeries.EnsureNotExhaustedAsync(session, BillingModule.Schema, SeriesAt(now), YearlySeries.MaxPerYear, ct);

    /// <summary>The numbering statement of one credit note and of the refund it completes, to return after every other storage effect.</summary>
    public static IMartenOp AssignLast(CreditNote note, DateTimeOffset now) =>
        NumberSeries.AssignLast(BillingModule.Schema, SeriesAt(now),
            [new NumberTarget("mt_doc_creditnote", "number", note.Id), new NumberTarget("mt_doc_refund", "creditNoteNumber", note.RefundId)]);
}
