using System.Net;

namespace PrimeTech.Identity.Tests;

/// <summary>/admin/users and /admin/users/{id}, posted as a browser would.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AdminUsersPagesTests(IdentityFixture app)
{
    private static Dictionary<string, string> Form(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    [Fact]
    public async Task Users_pages_are_for_admins_only()
    {
        var customer = await app.CreateCustomerAsync();

        var anonymous = await new PageVisitor(app).GetAsync("/admin/users", 302);
        Assert.Equal("/login?returnUrl=%2Fadmin%2Fusers", anonymous.Location);
        var refused = await PageVisitor.For(app, customer).GetAsync($"/admin/users/{customer.Id}", 403);
        Assert.Contains("You do not have access to this page", refused.Html);
        await PageVisitor.For(app, customer).GetAsync("/admin/users", 403);
    }

    [Fact]
    public async Task The_list_searches_and_filters_and_links_to_each_user()
    {
        var admin = PageVisitor.For(app, await app.SignInAdminAsync());
        var tag = Guid.NewGuid().ToString("N")[..10];
        var dora = await app.CreateCustomerAsync(name: $"Dora {tag}");
        var eve = await app.CreateCustomerAsync(name: $"Eve {tag}", verified: false);

        var page = await admin.GetAsync($"/admin/users?q={tag}");
        Assert.Contains("<title>Users — Prime Tech Services</title>", page.Html);
        Assert.Contains("<meta name=\"robots\" content=\"noindex\" />", page.Html);
        Assert.Contains("<nav aria-label=\"Admin\"", page.Html);
        Assert.Contains($"<a href=\"/admin/users/{dora.Id}\">{dora.Email}</a>", page.Html);
        Assert.Contains($"<a href=\"/admin/users/{eve.Id}\">{eve.Email}</a>", page.Html);
        Assert.Contains("2 users, newest first.", page.Html);
        Assert.DoesNotContain(app.AdminEmail, page.Html);

        var admins = await admin.GetAsync($"/admin/users?q={tag}&role=Admin");
        Assert.Contains("No users match.", admins.Html);

        var wrong = await admin.GetAsync("/admin/users?role=Owner&page=0", 400);
        Assert.Contains("<title>Error: Users — Prime Tech Services</title>", wrong.Html);
        Assert.Contains("<a href=\"#Role\">Choose a role: Customer or Admin</a>", wrong.Html);
        Assert.Contains("<li>Page must be 1 or more</li>", wrong.Html);
    }

    [Fact]
    public async Task The_list_is_paged()
    {
        var admin = PageVisitor.For(app, await app.SignInAdminAsync());
        var tag = Guid.NewGuid().ToString("N")[..10];
        // The oldest first, then a page's worth of newer accounts at once.
        var oldest = await app.CreateCustomerAsync(name: $"Paged {tag} oldest", verified: false);
        var newer = await Task.WhenAll(Enumerable.Range(1, 20).Select(i => app.CreateCustomerAsync(name: $"Paged {tag} {i}", verified: false)));

        var first = await admin.GetAsync($"/admin/users?q={tag}");
        Assert.Contains("<nav aria-label=\"Pagination\"", first.Html);
        Assert.Contains($"href=\"/admin/users?q={tag}&amp;page=2\">Next</a>", first.Html);
        Assert.All(newer, user => Assert.Contains(user.Email, first.Html));
        Assert.DoesNotContain(oldest.Email, first.Html);

        var second = await admin.GetAsync($"/admin/users?q={tag}&page=2");
        Assert.Contains(oldest.Email, second.Html);
        Assert.Contains("Previous</a>", second.Html);
        Assert.All(newer, user => Assert.DoesNotContain(user.Email, second.Html));
    }

    [Fact]
    public async Task An_admin_grants_admin_then_locks_and_unlocks_a_user_from_the_detail_page()
    {
        var admin = PageVisitor.For(app, await app.SignInAdminAsync());
        var customer = await app.CreateCustomerAsync(name: "Frank Page");
        var url = $"/admin/users/{customer.Id}";

        var detail = await admin.GetAsync(url);
        Assert.Contains("<title>Frank Page — Prime Tech Services</title>", detail.Html);
        Assert.Contains("<h1>Frank Page</h1>", detail.Html);
        Assert.Contains(customer.Email, detail.Html);
        Assert.DoesNotContain("You cannot change this for your own account.", detail.Html);
        Assert.DoesNotContain("disabled", detail.Html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("aria-describedby=\"\"", detail.Html);

        var granted = await admin.PostFormAsync(url + "?handler=Roles", Form(("Admin", "true")), 303, formPage: url);
        Assert.Equal(url, granted.Location);
        var afterGrant = await admin.GetAsync(url);
        Assert.Contains("Roles updated.", afterGrant.Html);
        Assert.Contains("Customer, Admin", afterGrant.Html);
        Assert.Contains("Admin role granted", afterGrant.Html);
        Assert.Contains((await app.LoadAsync<User>(customer.Id))!.Roles, r => r == "Admin");

        await admin.PostFormAsync(url + "?handler=Roles", Form(("Admin", "false")), 303, formPage: url);
        Assert.DoesNotContain((await app.LoadAsync<User>(customer.Id))!.Roles, r => r == "Admin");

        var noReason = await admin.PostFormAsync(url + "?handler=Lock", Form(("LockReason", "")), 400, formPage: url);
        Assert.Contains("<title>Error: Frank Page — Prime Tech Services</title>", noReason.Html);
        Assert.Contains("<p class=\"field-error\" id=\"LockReason-error\"><span class=\"visually-hidden\">Error:</span> Enter a reason</p>", noReason.Html);
        Assert.Contains("<a href=\"#LockReason\">Enter a reason</a>", noReason.Html);
        Assert.Matches("<textarea[^>]*aria-invalid=\"true\"", noReason.Html);

        var locked = await admin.PostFormAsync(url + "?handler=Lock", Form(("LockReason", "Abusive messages")), 303, formPage: url);
        Assert.Equal(url, locked.Location);
        var afterLock = await admin.GetAsync(url);
        Assert.Contains($"{customer.Email} is locked and signed out everywhere.", afterLock.Html);
        Assert.Contains("Reason: Abusive messages", afterLock.Html);
        Assert.Contains("Unlock account", afterLock.Html);
        Assert.DoesNotContain("Lock account", afterLock.Html);
        await app.MeAsync(customer, 401);
        await app.LoginAsync(customer.Email, customer.Password, 423);

        var unlocked = await admin.PostFormAsync(url + "?handler=Unlock", Form(), 303, formPage: url);
        Assert.Equal(url, unlocked.Location);
        var afterUnlock = await admin.GetAsync(url);
        Assert.Contains($"{customer.Email} is unlocked.", afterUnlock.Html);
        Assert.Contains("Lock account", afterUnlock.Html);
        await app.LoginAsync(customer.Email, customer.Password, 200);
    }

    [Fact]
    public async Task On_their_own_account_an_admin_sees_the_controls_disabled_and_a_forced_post_is_refused()
    {
        var me = await app.SignInAdminAsync();
        var admin = PageVisitor.For(app, me);
        var url = $"/admin/users/{me.Id}";

        var own = await admin.GetAsync(url);
        Assert.Contains("You cannot change this for your own account.", own.Html);
        Assert.Matches("<input[^>]*type=\"checkbox\"[^>]*disabled|<input[^>]*disabled[^>]*type=\"checkbox\"", own.Html);
        Assert.Matches("<textarea[^>]*disabled", own.Html);

        var demote = await admin.PostFormAsync(url + "?handler=Roles", Form(("Admin", "false")), 409, formPage: url);
        Assert.Contains("<li>You cannot remove the Admin role from your own account.</li>", demote.Html);
        var lockSelf = await admin.PostFormAsync(url + "?handler=Lock", Form(("LockReason", "Oops")), 409, formPage: url);
        Assert.Contains("<li>You cannot lock your own account.</li>", lockSelf.Html);

        var stored = await app.LoadAsync<User>(me.Id);
        Assert.Contains("Admin", stored!.Roles);
        Assert.Null(stored.LockedAt);
    }

    [Fact]
    public async Task Unknown_users_are_not_found()
    {
        var admin = PageVisitor.For(app, await app.SignInAdminAsync());
        await admin.GetAsync($"/admin/users/{Guid.NewGuid()}", 404);
        var page = await admin.GetAsync("/admin/users/nobody", 404);
        Assert.Contains("Page not found", page.Html);
        Assert.Equal((int)HttpStatusCode.NotFound, page.Status);
    }
}
