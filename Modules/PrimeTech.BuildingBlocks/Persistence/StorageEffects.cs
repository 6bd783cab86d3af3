using Wolverine.Marten;

namespace PrimeTech.BuildingBlocks.Persistence;

/// <summary>Storage effects a pure handler returns, beyond Wolverine's own <see cref="MartenOps"/>.</summary>
public static class StorageEffects
{
    /// <summary>
    /// A loaded document written back only when the decision changed it. A versioned document then
    /// refuses a concurrent writer's older copy, and the write-conflict policy runs the handler again.
    /// </summary>
    public static IEnumerable<IMartenOp> UpdateIf<T>(bool changed, T document) where T : class =>
        changed ? [MartenOps.Update(document)] : [];
}
