namespace PrimeTech.BuildingBlocks.Email;

/// <summary>
/// An email to send. Handlers return it as a cascaded message so that it goes through Wolverine's
/// durable outbox in the same transaction as the change that caused it, and is retried if SMTP fails.
/// </summary>
public sealed record OutgoingEmail(
    string To,
    string Subject,
    string TextBody,
    string HtmlBody,
    IReadOnlyList<EmailAttachment>? Attachments = null);

public sealed record EmailAttachment(string FileName, string ContentType, byte[] Content);
