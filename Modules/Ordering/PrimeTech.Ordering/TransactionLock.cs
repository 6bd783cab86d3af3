using Marten;

namespace PrimeTech.Ordering;

/// <summary>
/// Serialises the writers of one thing (a customer's cart, an order) across requests and app
/// instances, until the session's transaction ends: a PostgreSQL transaction-level advisory lock.
/// Optimistic concurrency on the documents stays as the backstop.
/// </summary>
internal static class TransactionLock
{
    public const string Cart = "ordering.cart";
    public const string Order = "ordering.order";

    public static async Task AcquireAsync(IDocumentSession session, string scope, Guid key, CancellationToken ct)
    {
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>(
            "select 1 from pg_advisory_xact_lock(hashtext(?), hashtext(?))", ct, scope, key.ToString("N"));
    }
}
