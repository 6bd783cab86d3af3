using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;
using Wolverine;

namespace PrimeTech.BuildingBlocks.Email;

/// <summary>
/// Sends each email once, even when a killed instance's envelope is recovered and run again.
/// Attachments kept in object storage are read here, with no transaction open and no lock held.
/// The Message-ID comes from the envelope: an instance killed after SMTP accepted the email but
/// before the log recorded it sends it again on recovery, with the same Message-ID, which mail
/// clients show once.
/// </summary>
public static class SendEmailHandler
{
    public static async Task Handle(
        OutgoingEmail email, Envelope envelope, EmailDeliveryLog sent, IStoredObjectReader objects, IOptions<SmtpOptions> options,
        CancellationToken ct)
    {
        if (await sent.WasSentAsync(envelope.Id, ct)) return;
        await SmtpDelivery.SendAsync(await WithStoredAttachmentsReadAsync(email, objects, ct), options.Value, envelope.Id, ct);
        await sent.RecordSentAsync(envelope.Id, ct);
    }

    private static async Task<OutgoingEmail> WithStoredAttachmentsReadAsync(OutgoingEmail email, IStoredObjectReader objects, CancellationToken ct)
    {
        if (email.Attachments is not { } attachments || attachments.All(a => a.Stored is null))
            return email;
        var read = new List<EmailAttachment>(attachments.Count);
        foreach (var attachment in attachments)
            read.Add(attachment.Stored is { } stored
                ? attachment with { Content = await objects.ReadAsync(stored, ct), Stored = null }
                : attachment);
        return email with { Attachments = read };
    }
}

/// <summary>
/// Hands one email to the SMTP server. Normally reached through <see cref="OutgoingEmail"/> messages;
/// a handler calls it directly only for a secret that must never be written to the message store
/// (the emailed links of the Identity module).
/// </summary>
public static class SmtpDelivery
{
    public static Task SendAsync(OutgoingEmail email, SmtpOptions smtp, CancellationToken ct) => SendAsync(email, smtp, null, ct);

    /// <summary>Sends with a Message-ID made from <paramref name="messageKey"/>, the same each time the same email is sent.</summary>
    public static async Task SendAsync(OutgoingEmail email, SmtpOptions smtp, Guid? messageKey, CancellationToken ct)
    {
        using var message = new MimeMessage();
        if (messageKey is { } key)
            message.MessageId = $"{key:N}@{MailboxAddress.Parse(smtp.From).Domain}";
        message.From.Add(new MailboxAddress(smtp.FromName, smtp.From));
        message.To.Add(MailboxAddress.Parse(email.To));
        message.Subject = email.Subject;

        var body = new BodyBuilder { TextBody = email.TextBody, HtmlBody = email.HtmlBody };
        foreach (var attachment in email.Attachments ?? [])
            body.Attachments.Add(attachment.FileName,
                attachment.Content ?? throw new InvalidOperationException($"Attachment {attachment.FileName} has not been read from object storage."),
                ContentType.Parse(attachment.ContentType));
        message.Body = body.ToMessageBody();

        using var client = new SmtpClient();
        await client.ConnectAsync(smtp.Host, smtp.Port,
            smtp.UseStartTls ? SecureSocketOptions.StartTls : SecureSocketOptions.None, ct);
        if (!string.IsNullOrEmpty(smtp.UserName))
            await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(message, ct);
        await client.DisconnectAsync(true, ct);
    }
}
