using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.Identity.Emails;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.Tokens;

/// <summary>
/// Sends the link of a pending email token (verification or reset). The message names the pending
/// token only: the secret is drawn here and goes to the SMTP server and nowhere else — not into
/// Wolverine's envelope or dead-letter tables, not into the database (DECISIONS D-038).
/// </summary>
public sealed record DeliverEmailToken(string PendingTokenId);

public static class DeliverEmailTokenHandler
{
    public static async Task Handle(
        DeliverEmailToken message, IDocumentSession session, IIdentityStore store, TimeProvider clock, IOptions<SiteOptions> site,
        IOptions<SmtpOptions> smtp, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var pending = await session.LoadAsync<EmailToken>(message.PendingTokenId, ct);
        // Already delivered, or invalidated or expired before delivery: nothing to send.
        if (pending is null || !pending.IsUsableAt(now)) return;
        var user = await session.LoadAsync<User>(pending.UserId, ct);
        if (user is null) return;

        // The link must work before anyone can click it, so its hash is committed before the email
        // leaves; the link of an earlier attempt that failed after that point is void.
        var secret = SecretTokens.New();
        await using (var link = store.LightweightSession())
        {
            var earlier = await link.Query<EmailToken>().Where(t => t.DeliveryOf == pending.Id && t.InvalidatedAt == null).ToListAsync(ct);
            foreach (var attempt in earlier)
            {
                attempt.InvalidatedAt = now;
                link.Store(attempt);
            }
            link.Insert(pending.DeliveredAs(SecretTokens.Hash(secret)));
            await link.SaveChangesAsync(ct);
        }

        var email = pending.Purpose == EmailTokenPurpose.VerifyEmail
            ? IdentityEmails.VerifyEmail(user, secret, site.Value)
            : IdentityEmails.ResetPassword(user, secret, site.Value);
        await SmtpDelivery.SendAsync(email, smtp.Value, ct);
        session.Delete(pending);
    }
}
