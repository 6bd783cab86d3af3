using Microsoft.Extensions.DependencyInjection;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.Licensing.Contracts;
using PrimeTech.Licensing.Entitlements;
using Wolverine;

namespace PrimeTech.Licensing.Tests;

[Collection(LicensingCollection.Name)]
public sealed class GrantTests(LicensingFixture app)
{
    private readonly Purchases _purchases = new(app);

    private IMessageBus Bus => app.Host.Services.GetRequiredService<IMessageBus>();

    [Fact]
    public async Task A_paid_order_grants_an_entitlement_per_product_and_a_licence_per_licensed_unit_and_emails_the_keys()
    {
        var backup = Purchases.Licensed(quantity: 2, name: "Prime Backup Pro");
        var scripts = Purchases.Unlicensed(name: "Prime Admin Scripts Pack");
        var paid = Purchases.Paid(lines: [backup, scripts]);

        await _purchases.PublishAsync(paid);

        var entitlements = await _purchases.EntitlementsAsync(paid.OrderId);
        Assert.Equal(new[] { backup.ProductId, scripts.ProductId }.Order(), entitlements.Select(e => e.ProductId).Order());
        Assert.All(entitlements, e =>
        {
            Assert.Equal(EntitlementStatus.Active, e.Status);
            Assert.Equal(paid.CustomerId, e.UserId);
            Assert.Equal(paid.CustomerEmail.ToLowerInvariant(), e.UserEmail);
            Assert.Equal(paid.OrderNumber, e.OrderNumber);
        });

        var licences = await _purchases.LicencesAsync(paid.OrderId);
        Assert.Equal(2, licences.Count);
        Assert.Equal(2, licences.Select(l => l.Key).Distinct().Count());
        Assert.All(licences, l =>
        {
            Assert.True(LicenceKey.TryNormalise(l.Key, out var normal) && normal == l.Key, $"{l.Key} is not LIC-XXXX-XXXX-XXXX");
            Assert.Equal(LicenceStatus.Active, l.Status);
            Assert.Equal(1, l.MaxActivations);
            Assert.Null(l.Activation);
            Assert.Equal(backup.ProductId, l.ProductId);
            Assert.Equal("Prime Backup Pro", l.ProductName);
            Assert.Equal(paid.CustomerEmail.ToLowerInvariant(), l.UserEmail);
            var issued = Assert.Single(l.History);
            Assert.Equal(LicenceAction.Issued, issued.Action);
            Assert.Equal(LicenceActor.System, issued.ByRole);
        });

        var email = await app.Mail.WaitForAsync(paid.CustomerEmail, m => m.Subject == $"Your licence keys for order {paid.OrderNumber}");
        foreach (var licence in licences)
        {
            Assert.Contains(licence.Key, email.Text);
            Assert.Contains(licence.Key, email.Html);
        }
        Assert.Contains("Prime Backup Pro", email.Text);
        Assert.Contains("http://127.0.0.1:5080/account/licences", email.Text);
        Assert.Contains("http://127.0.0.1:5080/account/downloads", email.Text);
        Assert.EndsWith("Prime Tech Services", email.Text!.TrimEnd());

        var active = await Bus.InvokeAsync<ActiveEntitlements>(new GetActiveEntitlements(paid.CustomerId));
        Assert.Equal(new[] { backup.ProductId, scripts.ProductId }.Order(), active.ProductIds.Order());
        Assert.True(await Bus.InvokeAsync<bool>(new HasActiveEntitlement(paid.CustomerId, scripts.ProductId)));
        Assert.False(await Bus.InvokeAsync<bool>(new HasActiveEntitlement(Guid.NewGuid(), scripts.ProductId)));
    }

    [Fact]
    public async Task An_order_without_licensed_products_gets_entitlements_and_no_licence_email()
    {
        var paid = Purchases.Paid(lines: [Purchases.Unlicensed(quantity: 3)]);

        var tracked = await _purchases.PublishAsync(paid);

        Assert.Single(await _purchases.EntitlementsAsync(paid.OrderId));
        Assert.Empty(await _purchases.LicencesAsync(paid.OrderId));
        Assert.Empty(tracked.Sent.MessagesOf<OutgoingEmail>());
    }

    [Fact]
    public async Task PaymentConfirmed_delivered_again_or_twice_at_once_grants_once()
    {
        var paid = Purchases.Paid(lines: [Purchases.Licensed(quantity: 3), Purchases.Unlicensed()]);

        await _purchases.PublishAsync(paid, paid, paid);
        var again = await _purchases.PublishAsync(paid);

        Assert.Equal(2, (await _purchases.EntitlementsAsync(paid.OrderId)).Count);
        Assert.Equal(3, (await _purchases.LicencesAsync(paid.OrderId)).Count);
        Assert.Equal(OrderGrantStatus.Granted, (await _purchases.GrantAsync(paid.OrderId))!.Status);
        Assert.Empty(again.Sent.MessagesOf<OutgoingEmail>());
    }

    [Fact]
    public async Task A_licence_key_that_collides_with_an_existing_one_is_replaced_by_a_fresh_key()
    {
        var (_, existing) = await _purchases.LicenceAsync();
        app.Keys.QueueNext(existing.Key);
        var paid = Purchases.Paid(lines: [Purchases.Licensed()]);

        await _purchases.PublishAsync(paid);

        var licence = Assert.Single(await _purchases.LicencesAsync(paid.OrderId));
        Assert.NotEqual(existing.Key, licence.Key);
        Assert.Equal(existing.OrderId, (await _purchases.LicenceAsync(existing.Key)).OrderId);
    }

    [Fact]
    public async Task A_refund_revokes_the_orders_entitlements_and_licences_and_keeps_the_activation_for_the_record()
    {
        var paid = Purchases.Paid(lines: [Purchases.Licensed(quantity: 2), Purchases.Unlicensed()]);
        await _purchases.PublishAsync(paid);
        var licences = await _purchases.LicencesAsync(paid.OrderId);
        var fingerprint = LicenceApiClient.NewFingerprint();
        var api = new LicenceApiClient(app);
        await api.ActivateAsync(licences[0].Key, fingerprint, "Office PC");

        await _purchases.PublishAsync(Purchases.Refund(paid));

        Assert.Equal(OrderGrantStatus.Revoked, (await _purchases.GrantAsync(paid.OrderId))!.Status);
        Assert.All(await _purchases.EntitlementsAsync(paid.OrderId), e =>
        {
            Assert.Equal(EntitlementStatus.Revoked, e.Status);
            Assert.NotNull(e.RevokedAt);
        });
        var revoked = await _purchases.LicencesAsync(paid.OrderId);
        Assert.All(revoked, l =>
        {
            Assert.Equal(LicenceStatus.Revoked, l.Status);
            Assert.Equal("Refunded", l.RevokedReason);
            var last = l.History[^1];
            Assert.Equal(LicenceAction.Revoked, last.Action);
            Assert.Equal(LicenceActor.System, last.ByRole);
        });
        Assert.Equal(fingerprint, revoked.Single(l => l.Key == licences[0].Key).Activation!.Fingerprint);

        Assert.Empty((await Bus.InvokeAsync<ActiveEntitlements>(new GetActiveEntitlements(paid.CustomerId))).ProductIds);
        var validation = await api.ValidateAsync(licences[0].Key, fingerprint);
        Assert.Equal("REVOKED", validation.String("code"));
        Assert.False(validation.Bool("valid"));

        await _purchases.PublishAsync(Purchases.Refund(paid));
        Assert.All(await _purchases.LicencesAsync(paid.OrderId), l => Assert.Single(l.History, h => h.Action == LicenceAction.Revoked));
    }

    [Fact]
    public async Task PaymentRefunded_arriving_before_PaymentConfirmed_means_the_confirmation_grants_nothing()
    {
        var paid = Purchases.Paid(lines: [Purchases.Licensed(), Purchases.Unlicensed()]);

        await _purchases.PublishAsync(Purchases.Refund(paid));
        var confirmed = await _purchases.PublishAsync(paid);

        var grant = await _purchases.GrantAsync(paid.OrderId);
        Assert.Equal(OrderGrantStatus.Revoked, grant!.Status);
        Assert.Null(grant.GrantedAt);
        Assert.Empty(await _purchases.EntitlementsAsync(paid.OrderId));
        Assert.Empty(await _purchases.LicencesAsync(paid.OrderId));
        Assert.Empty(confirmed.Sent.MessagesOf<OutgoingEmail>());
        Assert.False(await Bus.InvokeAsync<bool>(new HasActiveEntitlement(paid.CustomerId, paid.Lines[0].ProductId)));
    }
}
