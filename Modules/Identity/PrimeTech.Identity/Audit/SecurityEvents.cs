using PrimeTech.Audit.Contracts;

namespace PrimeTech.Identity.Audit;

/// <summary>
/// The audit trail's security events of this module (CODEX_HANDOFF §6.7). A handler returns one
/// beside its answer, so it is cascaded through the module's outbox in the same commit, failures
/// included (they are returned, not thrown). To audit a new event, return
/// <c>SecurityEvents.Of(SecurityActions.X, now, …)</c> from its handler.
/// </summary>
public static class SecurityEvents
{
    /// <param name="failure">The failure answered, or null on success.</param>
    /// <param name="successStatus">The HTTP status a success is answered with.</param>
    public static RecordSecurityEvent Of(
        string action, DateTimeOffset at, Guid? actorId, string? actorEmail, string? ipAddress, string? target,
        DomainException? failure, int successStatus = 200) =>
        new(Guid.CreateVersion7(at), at, actorId, actorEmail, string.IsNullOrEmpty(ipAddress) ? null : ipAddress,
            action, target, failure is null, failure?.Error.Status ?? successStatus, failure?.Error.Code);
}
