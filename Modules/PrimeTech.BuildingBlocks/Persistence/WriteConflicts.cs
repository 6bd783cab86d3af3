using JasperFx;
using JasperFx.Core;
using Npgsql;
using Wolverine;
using Wolverine.ErrorHandling;

namespace PrimeTech.BuildingBlocks.Persistence;

/// <summary>
/// The one conflict policy. A write conflict means another transaction won a race: optimistic
/// concurrency on a versioned document, a unique index, a serialization failure or a deadlock.
/// Running the handler again, in a new session that reads the winner's result, is always right,
/// so Wolverine does it for every handler: at once and twice more after a short pause, for
/// <c>InvokeAsync</c> too (its failed attempt's cascaded messages are discarded first); a
/// background message then waits for scheduled retries. A conflict that outlasts the retries
/// reaches the caller, who answers CONFLICT.
/// </summary>
public static class WriteConflicts
{
    public static bool Is(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException or DocumentAlreadyExistsException) return true;
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected })
                return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(Is)) return true;
        }
        return false;
    }

    /// <summary>Registered before any other failure rule, so a conflict is never mistaken for an outage.</summary>
    public static void RetryWriteConflicts(this WolverineOptions opts) =>
        opts.Policies.OnException(Is)
            .RetryWithCooldown(TimeSpan.Zero, 10.Milliseconds(), 50.Milliseconds())
            .Then.ScheduleRetry(1.Seconds(), 5.Seconds(), 30.Seconds());
}
