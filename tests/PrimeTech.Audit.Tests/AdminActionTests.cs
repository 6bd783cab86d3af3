using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace PrimeTech.Audit.Tests;

/// <summary>
/// Admin actions are audited by the pipeline, whichever endpoint or page served them: one entry
/// each, named after the route, with the target from the route and the outcome from the answer.
/// </summary>
[Collection(AuditCollection.Name)]
public sealed class AdminActionTests(AuditFixture app)
{
    [Fact]
    public async Task A_refund_is_one_entry_with_the_admin_the_client_address_and_the_order()
    {
        var (orderNumber, _) = await app.PaidOrderAsync();
        var admin = await app.SignInAdminAsync();

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { reason = "Bought by mistake" }).ToUrl($"/api/admin/orders/{orderNumber.ToLowerInvariant()}/refund");
            // The trusted proxy names the client; the first, forged, hop is not believed.
            s.From(AuditFixture.KnownProxy, forwardedFor: "192.0.2.66, 198.51.100.20");
            s.StatusCodeShouldBe(202);
        });

        var entry = Assert.Single(await app.EntriesForAsync(admin, orderNumber));
        Assert.Equal(("orders.refund", (Guid?)admin.Id, admin.Email.ToLowerInvariant(), "198.51.100.20", orderNumber, "success", 202, (string?)null),
            (entry.Action, entry.ActorId, entry.ActorEmail, entry.IpAddress, entry.Target, entry.Outcome, entry.Status, entry.Reason));
    }

    [Fact]
    public async Task A_failed_admin_action_is_audited_as_a_failure_with_its_code()
    {
        var admin = await app.SignInAdminAsync();
        var refused = await app.PaidOrderAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { reason = "First" }).ToUrl($"/api/admin/orders/{refused.OrderNumber}/refund");
            s.StatusCodeShouldBe(202);
        });

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { reason = "Again" }).ToUrl($"/api/admin/orders/{refused.OrderNumber}/refund");
            s.From("203.0.113.9", forwardedFor: "198.51.100.99");   // not a proxy: its header is ignored
            s.StatusCodeShouldBe(409);
        });

        var entries = await app.EntriesForAsync(admin, refused.OrderNumber, atLeast: 2);
        Assert.Equal(2, entries.Count);
        var failed = entries[0];   // newest first
        Assert.Equal(("orders.refund", "failure", 409, "REFUND_ALREADY_REQUESTED", "203.0.113.9"),
            (failed.Action, failed.Outcome, failed.Status, failed.Reason, failed.IpAddress));
    }

    [Fact]
    public async Task A_licence_revoke_through_the_admin_page_is_one_entry_for_the_licence()
    {
        var (_, customerEmail) = await app.PaidOrderAsync();
        var admin = await app.SignInAdminAsync();
        var key = await app.LicenceKeyAsync(admin, customerEmail);
        var url = $"/admin/licences/{key}";

        await PageVisitor.For(app, admin).PostFormAsync(url + "?handler=Revoke", AuditTrail.Form(("Revoke.Reason", "Chargeback")), 303, formPage: url);

        var entry = Assert.Single(await app.EntriesForAsync(admin, key));
        Assert.Equal(("licences.revoke", (Guid?)admin.Id, "success", 303), (entry.Action, entry.ActorId, entry.Outcome, entry.Status));
    }

    [Fact]
    public async Task A_licence_revoke_through_the_api_has_the_same_name()
    {
        var (_, customerEmail) = await app.PaidOrderAsync();
        var admin = await app.SignInAdminAsync();
        var key = await app.LicenceKeyAsync(admin, customerEmail);

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { reason = "Chargeback" }).ToUrl($"/api/admin/licences/{key.ToLowerInvariant()}/revoke");
            s.StatusCodeShouldBeOk();
        });

        var entry = Assert.Single(await app.EntriesForAsync(admin, key));
        Assert.Equal(("licences.revoke", key, "success", 200), (entry.Action, entry.Target, entry.Outcome, entry.Status));
    }

    [Fact]
    public async Task A_role_change_is_one_entry_for_the_user()
    {
        var customer = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Put.Json(new { roles = new[] { "Customer", "Admin" } }).ToUrl($"/api/admin/users/{customer.Id}/roles");
            s.From("203.0.113.12");
            s.StatusCodeShouldBeOk();
        });

        var entry = Assert.Single(await app.EntriesForAsync(admin, customer.Id.ToString()), e => e.Action != "auth.sign-in");
        Assert.Equal(("users.roles", (Guid?)admin.Id, "203.0.113.12", "success", 200),
            (entry.Action, entry.ActorId, entry.IpAddress, entry.Outcome, entry.Status));
    }

    [Fact]
    public async Task A_lock_through_the_admin_page_and_a_refused_one_are_entries_and_reading_pages_is_not()
    {
        var customer = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();
        var url = $"/admin/users/{customer.Id}";
        var visitor = PageVisitor.For(app, admin);

        await visitor.PostFormAsync(url + "?handler=Lock", AuditTrail.Form(("LockReason", "")), 400, formPage: url);
        await visitor.PostFormAsync(url + "?handler=Lock", AuditTrail.Form(("LockReason", "Abusive messages")), 303, formPage: url);

        var entries = (await app.EntriesForAsync(admin, customer.Id.ToString(), atLeast: 2)).Where(e => e.Action == "users.lock").ToList();
        Assert.Equal([("failure", 400), ("success", 303)], entries.Select(e => (e.Outcome, e.Status)).Reverse());
        Assert.All(entries, e => Assert.Equal(admin.Id, e.ActorId));
    }

    [Fact]
    public async Task A_customer_trying_an_admin_action_is_a_refused_entry_and_an_anonymous_caller_is_none()
    {
        var customer = await app.CreateCustomerAsync();
        var victim = await app.CreateCustomerAsync();
        var admin = await app.SignInAdminAsync();

        await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Post.Json(new { reason = "Because" }).ToUrl($"/api/admin/users/{victim.Id}/lock");
            s.StatusCodeShouldBe(403);
        });
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { reason = "Because" }).ToUrl($"/api/admin/users/{victim.Id}/lock");
            s.StatusCodeShouldBe(401);
        });

        var entry = Assert.Single(await app.EntriesForAsync(admin, victim.Id.ToString()), e => e.Action == "users.lock");
        Assert.Equal(((Guid?)customer.Id, "failure", 403, "FORBIDDEN"), (entry.ActorId, entry.Outcome, entry.Status, entry.Reason));
    }

    [Fact]
    public async Task A_release_upload_names_the_product_and_publishing_it_on_the_releases_page_names_the_release()
    {
        var admin = await app.SignInAdminAsync();
        var sku = "R-" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        using var client = app.ClientFor(admin);
        using var created = await client.PostAsJsonAsync("/api/admin/products", new
        {
            sku, slug = sku.ToLowerInvariant(), name = $"Release product {sku}", summary = "A product with releases.",
            descriptionMarkdown = "", unitPriceNetPence = 1999, vatRatePercent = 20m, isLicensed = true, isActive = true,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var productId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetGuid();
        using var form = new MultipartFormDataContent
        {
            { new StringContent("1.0.0"), "version" },
            { new StringContent("First."), "notes" },
            { new ByteArrayContent(RandomNumberGenerator.GetBytes(1024)) { Headers = { ContentType = new MediaTypeHeaderValue("application/zip") } }, "file", "setup.zip" },
        };
        using var uploaded = await client.PostAsync($"/api/admin/products/{productId}/releases", form);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var releaseId = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("releaseId").GetGuid();

        var url = $"/admin/products/{productId}/releases";
        await PageVisitor.For(app, admin).PostFormAsync(url + "?handler=Publish", AuditTrail.Form(("releaseId", releaseId.ToString())), 303, formPage: url);

        var upload = Assert.Single(await app.EntriesForAsync(admin, productId.ToString()));
        Assert.Equal(("products.releases.create", "success", 201), (upload.Action, upload.Outcome, upload.Status));
        var published = Assert.Single(await app.EntriesForAsync(admin, releaseId.ToString()));
        Assert.Equal(("releases.publish", "success", 303), (published.Action, published.Outcome, published.Status));
    }
}
