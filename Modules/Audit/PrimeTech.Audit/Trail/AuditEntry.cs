namespace PrimeTech.Audit.Trail;

/// <summary>
/// One line of the audit trail (CODEX_HANDOFF §6.7): who (<see cref="ActorId"/>, <see cref="ActorEmail"/>;
/// none for an anonymous failed sign-in), from where (<see cref="IpAddress"/>), did what
/// (<see cref="Action"/>) to what (<see cref="Target"/>), and how it ended.
/// </summary>
/// <param name="Status">The HTTP status of the answer.</param>
/// <param name="Reason">On failure, the error code when one was answered (CONFLICT, INVALID_CREDENTIALS …).</param>
public sealed record AuditEntry(
    Guid Id, DateTimeOffset At, Guid? ActorId, string? ActorEmail, string? IpAddress,
    string Action, string? Target, bool Succeeded, int Status, string? Reason)
{
    public const string Success = "success";
    public const string Failure = "failure";

    /// <summary><c>success</c> or <c>failure</c>.</summary>
    public string Outcome => Succeeded ? Success : Failure;
}
