using Marten;

namespace PrimeTech.Identity.Users;

/// <summary>
/// A PostgreSQL transaction-scoped advisory lock on a string key: concurrent handlers working on
/// the same email or token queue here until the first commits, across every app instance. Reads
/// made after the lock see the winner's committed writes.
/// </summary>
public static class TransactionLock
{
    public static async Task AcquireAsync(IDocumentSession session, string key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<long>(
            "select count(*) from (select pg_advisory_xact_lock(hashtextextended(?, 0))) as l", ct, key);
    }
}
