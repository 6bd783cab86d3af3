using PrimeTech.Audit.Contracts;

namespace PrimeTech.Audit.Recording;

/// <summary>
/// Appends a security event sent by another module. It arrives from that module's outbox on a
/// durable local queue, after the module's own transaction committed; a redelivery (the same
/// <see cref="RecordSecurityEvent.EntryId"/>) adds nothing.
/// </summary>
public static class RecordSecurityEventHandler
{
    public static Task Handle(RecordSecurityEvent message, AuditLog log, CancellationToken ct) =>
        log.AppendAsync(new AuditEntry(
            message.EntryId, message.At, message.ActorId, message.ActorEmail, NullIfEmpty(message.IpAddress),
            message.Action, message.Target, message.Succeeded, message.Status, message.Reason), ct);

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
