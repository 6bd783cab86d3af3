using JasperFx;
using PrimeTech.BuildingBlocks.Errors;
using Wolverine;

namespace PrimeTech.Licensing.Licences;

/// <summary>
/// Sends a command that changes a licence. Licences are stored with optimistic concurrency: when
/// two changes race (say 50 machines activating one key at once), the first to commit wins and
/// the others fail with a concurrency conflict. Each loser is sent again, which reads the licence
/// afresh and then answers from what the winner did (409 for another machine, 200 for the same).
/// </summary>
public static class LicenceChanges
{
    public const int Attempts = 4;

    public static async Task<T> InvokeAsync<T>(IMessageBus bus, object command, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await bus.InvokeAsync<T>(command, ct);
            }
            catch (Exception e) when (IsConcurrencyConflict(e))
            {
                if (attempt == Attempts)
                    throw new DomainException(ErrorCode.Conflict, "The licence was changed by someone else at the same moment. Try again.");
            }
        }
    }

    public static bool IsConcurrencyConflict(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            if (e is ConcurrencyException) return true;
            if (e is AggregateException aggregate && aggregate.InnerExceptions.Any(IsConcurrencyConflict)) return true;
        }
        return false;
    }
}
