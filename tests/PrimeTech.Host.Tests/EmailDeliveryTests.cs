using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Email;
using Wolverine;

namespace PrimeTech.Host.Tests;

/// <summary>
/// An instance killed after SMTP accepted an email, but before Wolverine marked its envelope
/// handled, leaves the envelope to be recovered and run again (the deployment's failover test
/// saw a receipt email twice that way). The same envelope run twice sends one email.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class EmailDeliveryTests(HostFixture fixture)
{
    [Fact]
    public async Task An_envelope_run_again_after_recovery_sends_its_email_once()
    {
        var to = $"once-{Guid.NewGuid():N}@primetech.test";
        var email = new OutgoingEmail(to, "Delivered once", "Text body", "<p>Html body</p>");
        var envelope = new Envelope(email);
        var services = fixture.Host.Services;
        var log = services.GetRequiredService<EmailDeliveryLog>();
        var smtp = services.GetRequiredService<IOptions<SmtpOptions>>();
        var storage = services.GetRequiredService<IStoredObjectReader>();

        await SendEmailHandler.Handle(email, envelope, log, storage, smtp, CancellationToken.None);
        await SendEmailHandler.Handle(email, envelope, log, storage, smtp, CancellationToken.None);
        // A different envelope with the same content is a different email: it goes out.
        var secondEnvelope = new Envelope(email);
        await SendEmailHandler.Handle(email, secondEnvelope, log, storage, smtp, CancellationToken.None);

        var delivered = await Eventually.GetAsync(async () =>
        {
            var messages = await fixture.Mail.ForAsync(to);
            return messages.Count >= 2 ? messages : null;
        }, "two emails", TimeSpan.FromSeconds(20));
        Assert.Equal(2, delivered.Count);
        // Each carries its envelope's Message-ID, so a resend after a crash is the same message.
        Assert.Equal(new[] { envelope.Id, secondEnvelope.Id }.Select(id => $"<{id:N}@").Order(StringComparer.Ordinal),
            delivered.Select(m => m.MessageId![..34]).Order(StringComparer.Ordinal));
        Assert.True(await log.WasSentAsync(envelope.Id, CancellationToken.None));
    }
}
