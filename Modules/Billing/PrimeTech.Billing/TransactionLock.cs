using Marten;

namespace PrimeTech.Billing;

/// <summary>
/// Serialises the writers of one thing (e.g. the invoice of an order) across requests and app
/// instances, until the session's transaction ends: a PostgreSQL transaction-level advisory lock.
/// </summary>
internal static class TransactionLock
{
    public static Task AcquireAsync(IDocumentSession session, string scope, Guid key, CancellationToken ct) =>
        AcquireAsync(session, scope, key.ToString("N"), ct);

    public static async Task AcquireAsync(IDocumentSession session, string scope, string key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>(
            "select 1 from pg_advisory_xact_lock(hashtext(?), hashtext(?))", ct, scope, key);
    }
}
