namespace PrimeTech.BuildingBlocks.Operations;

/// <summary>
/// Work a module contributes to the operator commands. <c>migrate</c> runs every
/// <see cref="IMigrationStep"/> after the document schemas are applied; <c>seed</c> runs every
/// <see cref="ISeedStep"/> in <see cref="ISeedStep.Order"/>. Both must be safe to run again.
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

/// <summary>
/// A value <c>seed</c> needs was given neither as an argument nor in configuration: a usage error
/// (exit code 2). The message names the configuration keys, e.g. <c>Seed:AdminEmail</c>.
/// </summary>
public sealed class SeedArgumentMissingException(IReadOnlyList<string> configurationKeys, string message) : Exception(message)
{
    public IReadOnlyList<string> ConfigurationKeys { get; } = configurationKeys;
}
