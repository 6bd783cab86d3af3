using Npgsql;

namespace PrimeTech.Storage;

/// <summary>Finds a PostgreSQL unique violation (23505) inside whatever Marten or Wolverine wrapped it in.</summary>
public static class UniqueViolation
{
    public static bool Is(Exception exception, string indexSuffix)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } pg)
                return (pg.ConstraintName ?? "").EndsWith(indexSuffix, StringComparison.Ordinal);
        return false;
    }
}
