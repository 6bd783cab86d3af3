using Marten;

namespace PrimeTech.BuildingBlocks.Persistence;

/// <summary>
/// Serialises the writers of one thing (an email's sign-ins, a token, a cart, an order, a
/// booking) across requests and app instances until the session's transaction ends: a
/// PostgreSQL transaction-level advisory lock. Reads made after it see the previous holder's
/// committed writes. Optimistic concurrency and unique indexes stay as the backstop.
/// </summary>
public static class TransactionLock
{
    public static async Task AcquireAsync(IDocumentSession session, string key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>(
            "select 1 from (select pg_advisory_xact_lock(hashtextextended(?, 0))) as locked", ct, key);
    }

    public static Task AcquireAsync(IDocumentSession session, string scope, Guid key, CancellationToken ct) =>
        AcquireAsync(session, $"{scope}:{key:N}", ct);

    public static Task AcquireAsync(IDocumentSession session, string scope, string key, CancellationToken ct) =>
        AcquireAsync(session, $"{scope}:{key}", ct);
}
