namespace PrimeTech.BuildingBlocks.Operations;

/// <summary>
/// Work a module contributes to the operator commands. <c>migrate</c> runs every
/// <see cref="IMigrationStep"/> after the document schemas are applied; <c>seed</c> runs every
/// <see cref="ISeedStep"/> in <see cref="Order"/>. Both must be safe to run again.
/// </summary>
public interface IMigrationStep
{
    Task<string> RunAsync(CancellationToken ct);
}

public interface ISeedStep
{
    int Order { get; }

    /// <summary>Returns one line per thing done (or found already done), printed by the CLI.</summary>
    Task<IReadOnlyList<string>> RunAsync(SeedArguments arguments, CancellationToken ct);
}

public sealed record SeedArguments(string? AdminEmail, string? AdminPassword, string? AdminName, bool DemoReleases);
