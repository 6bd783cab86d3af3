using Npgsql;

namespace PrimeTech.BuildingBlocks.Persistence;

/// <summary>Finds a PostgreSQL unique violation (23505) inside whatever Marten or Wolverine wrapped it in.</summary>
public static class UniqueViolation
{
    /// <summary>The name of the violated index or constraint, or null if <paramref name="exception"/> is not a unique violation.</summary>
    public static string? ConstraintOf(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
                return pg.ConstraintName ?? "";
        return null;
    }

    /// <summary>Whether <paramref name="exception"/> violated the unique index whose name ends with <paramref name="indexSuffix"/>.</summary>
    public static bool Is(Exception exception, string indexSuffix) =>
        ConstraintOf(exception)?.EndsWith(indexSuffix, StringComparison.Ordinal) == true;
}
