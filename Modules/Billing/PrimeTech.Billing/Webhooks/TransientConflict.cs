using JasperFx;
using Npgsql;

namespace PrimeTech.Billing.Webhooks;

/// <summary>
/// Failures that mean another transaction won a race (optimistic concurrency, a unique index,
/// serialization or deadlock): running the whole transaction again sees the winner's result.
/// </summary>
internal static class TransientConflict
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException or DocumentAlreadyExistsException) return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
                return true;
        }
        return false;
    }
}
