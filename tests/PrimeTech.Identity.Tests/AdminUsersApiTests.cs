using System.Net.Http.Json;
using System.Text.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.Identity.Tests;

/// <summary>/api/admin/users: search, detail, the Admin role, lock and unlock — and who may use them.</summary>
[Collection(IdentityCollection.Name)]
public sealed class AdminUsersApiTests(IdentityFixture app)
{
    private Task<IScenarioResult> GetAsync(TestUser? user, string url, int status) =>
        app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            if (user is not null) s.SignedInAs(user);
            s.StatusCodeShouldBe(status);
        });

    private Task<IScenarioResult> PutRolesAsync(TestUser admin, Guid id, object body, int status) =>
        app.Host.Scenario(s =>
        {
            s.Put.Json(body).ToUrl($"/api/admin/users/{id}/roles");
            s.SignedInAs(admin);
            s.StatusCodeShouldBe(status);
        });

    private Task<IScenarioResult> LockAsync(TestUser admin, Guid id, string? reason, int status) =>
        app.Host.Scenario(s =>
        {
            s.Post.Json(new { reason }).ToUrl($"/api/admin/users/{id}/lock");
            s.SignedInAs(admin);
            s.StatusCodeShouldBe(status);
        });

    private Task<IScenarioResult> UnlockAsync(TestUser admin, Guid id, int status) =>
        app.Host.Scenario(s =>
        {
            s.Post.Url($"/api/admin/users/{id}/unlock");
            s.SignedInAs(admin);
            s.StatusCodeShouldBe(status);
        });

    private static string[] Roles(JsonElement view) => view.GetProperty("roles").EnumerateArray().Select(r => r.GetString()!).ToArray();

    [Fact]
    public async Task Only_admins_may_use_the_admin_users_api()
    {
        var customer = await app.CreateCustomerAsync();
        var requests = new (string Method, string Url, object? Body)[]
        {
            ("GET", "/api/admin/users", null),
            ("GET", $"/api/admin/users/{customer.Id}", null),
            ("PUT", $"/api/admin/users/{customer.Id}/roles", new { roles = new[] { "Customer", "Admin" } }),
            ("POST", $"/api/admin/users/{customer.Id}/lock", new { reason = "Trying my luck" }),
            ("POST", $"/api/admin/users/{customer.Id}/unlock", null),
        };
        foreach (var (method, url, body) in requests)
        {
            foreach (var (user, status, code) in new[] { ((TestUser?)null, 401, "UNAUTHENTICATED"), (customer, 403, "FORBIDDEN") })
            {
                var result = await app.Host.Scenario(s =>
                {
                    switch (method)
                    {
                        case "GET": s.Get.Url(url); break;
                        case "PUT": s.Put.Json(body!).ToUrl(url); break;
                        default:
                            if (body is null) s.Post.Url(url);
                            else s.Post.Json(body).ToUrl(url);
                            break;
                    }
                    if (user is not null) s.SignedInAs(user);
                    s.StatusCodeShouldBe(status);
                });
                await result.AssertProblemAsync(code);
            }
        }

        var me = await (await app.MeAsync(customer, 200)).JsonAsync();
        Assert.Equal(["Customer"], Roles(me));
        Assert.Null((await app.LoadAsync<User>(customer.Id))!.LockedAt);
    }

    [Fact]
    public async Task Admins_search_by_email_or_name_and_filter_by_role_and_lock()
    {
        var admin = await app.SignInAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..10];
        var alice = await app.CreateCustomerAsync(name: $"Alice {tag}", email: Accounts.NewEmail("alice"));
        var bob = await app.CreateCustomerAsync(name: "Bob Jones", email: Accounts.NewEmail($"bob-{tag}"));
        var carol = await app.CreateCustomerAsync(name: $"Carol {tag.ToUpperInvariant()}", verified: false);
        await PutRolesAsync(admin, carol.Id, new { roles = new[] { "Customer", "Admin" } }, 200);
        await LockAsync(admin, bob.Id, "Chargeback fraud", 200);

        var all = await (await GetAsync(admin, $"/api/admin/users?q={tag.ToUpperInvariant()}", 200)).JsonAsync();
        Assert.Equal(3, all.GetProperty("totalCount").GetInt32());
        Assert.Equal(1, all.GetProperty("page").GetInt32());
        Assert.Equal(20, all.GetProperty("pageSize").GetInt32());
        var items = all.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal([carol.Id, bob.Id, alice.Id], items.Select(i => i.GetProperty("id").GetGuid()));   // newest first
        var first = items[0];
        foreach (var property in new[] { "id", "email", "name", "roles", "emailVerified", "createdAt", "lockedAt", "lockedReason", "temporarilyLockedUntil", "activeSessionCount" })
            Assert.True(first.TryGetProperty(property, out _), $"AdminUserView has no '{property}'");
        Assert.False(first.GetProperty("emailVerified").GetBoolean());
        Assert.Equal(1, items[2].GetProperty("activeSessionCount").GetInt32());

        async Task<Guid[]> Ids(string query) =>
            (await (await GetAsync(admin, $"/api/admin/users?q={tag}&{query}", 200)).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()).ToArray();

        Assert.Equal([carol.Id], await Ids("role=Admin"));
        Assert.Equal([carol.Id, bob.Id, alice.Id], await Ids("role=customer"));
        Assert.Equal([bob.Id], await Ids("locked=true"));
        Assert.Equal([carol.Id, alice.Id], await Ids("locked=false"));
        Assert.Equal([alice.Id], (await (await GetAsync(admin, $"/api/admin/users?q={Uri.EscapeDataString(alice.Email.ToUpperInvariant())}", 200)).JsonAsync())
            .GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));

        var second = await (await GetAsync(admin, $"/api/admin/users?q={tag}&page=2&pageSize=2", 200)).JsonAsync();
        Assert.Equal([alice.Id], second.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("id").GetGuid()));
        Assert.Equal(3, second.GetProperty("totalCount").GetInt32());
    }

    [Fact]
    public async Task Wrong_filters_and_paging_are_refused()
    {
        var admin = await app.SignInAdminAsync();

        var invalid = await GetAsync(admin, "/api/admin/users?page=0&pageSize=101&role=Owner", 400);
        await invalid.AssertProblemAsync("VALIDATION_FAILED");
        var problem = await invalid.JsonAsync();
        Assert.Equal(["Page must be 1 or more"], problem.FieldErrors("page"));
        Assert.Equal(["Page size must be between 1 and 100"], problem.FieldErrors("pageSize"));
        Assert.Equal(["Choose a role: Customer or Admin"], problem.FieldErrors("role"));

        await (await GetAsync(admin, "/api/admin/users?locked=perhaps", 400)).AssertProblemAsync("MALFORMED_REQUEST");
    }

    [Fact]
    public async Task Detail_shows_one_user_and_unknown_or_malformed_ids_are_not_found()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync(name: "Detail Person");

        var view = await (await GetAsync(admin, $"/api/admin/users/{customer.Id.ToString().ToUpperInvariant()}", 200)).JsonAsync();
        Assert.Equal(customer.Email, view.GetProperty("email").GetString());
        Assert.Equal("Detail Person", view.GetProperty("name").GetString());
        Assert.Equal(["Customer"], Roles(view));
        Assert.True(view.GetProperty("emailVerified").GetBoolean());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("lockedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, view.GetProperty("temporarilyLockedUntil").ValueKind);
        Assert.Equal(1, view.GetProperty("activeSessionCount").GetInt32());
        Assert.Empty(view.GetProperty("history").EnumerateArray());

        await (await GetAsync(admin, $"/api/admin/users/{Guid.NewGuid()}", 404)).AssertProblemAsync("NOT_FOUND");
        await (await GetAsync(admin, "/api/admin/users/not-a-user", 404)).AssertProblemAsync("NOT_FOUND");
        await (await PutRolesAsync(admin, Guid.NewGuid(), new { roles = new[] { "Customer" } }, 404)).AssertProblemAsync("NOT_FOUND");
        await (await LockAsync(admin, Guid.NewGuid(), "Nobody", 404)).AssertProblemAsync("NOT_FOUND");
        await (await UnlockAsync(admin, Guid.NewGuid(), 404)).AssertProblemAsync("NOT_FOUND");
    }

    [Fact]
    public async Task Granting_and_removing_admin_applies_on_the_next_request_and_is_recorded()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();
        await GetAsync(customer, "/api/admin/users", 403);

        var granted = await (await PutRolesAsync(admin, customer.Id, new { roles = new[] { "Admin" } }, 200)).JsonAsync();
        Assert.Equal(["Customer", "Admin"], Roles(granted));   // Customer is always kept
        Assert.Equal(["Customer", "Admin"], Roles(await (await app.MeAsync(customer, 200)).JsonAsync()));
        // A new admin must enrol in two-factor sign-in first.
        await GetAsync(customer, "/api/admin/users", 403);
        await app.EnrolTwoFactorAsync(customer);
        await GetAsync(customer, "/api/admin/users", 200);

        var unchanged = await (await PutRolesAsync(admin, customer.Id, new { roles = new[] { "Customer", "Admin" } }, 200)).JsonAsync();
        Assert.Single(unchanged.GetProperty("history").EnumerateArray());   // nothing changed, nothing recorded

        var removed = await (await PutRolesAsync(admin, customer.Id, new { roles = Array.Empty<string>() }, 200)).JsonAsync();
        Assert.Equal(["Customer"], Roles(removed));
        await GetAsync(customer, "/api/admin/users", 403);

        var history = removed.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["AdminRoleGranted", "AdminRoleRemoved"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.All(history, h =>
        {
            Assert.Equal(admin.Id, h.GetProperty("byUserId").GetGuid());
            Assert.Equal(app.AdminEmail, h.GetProperty("byEmail").GetString());
            Assert.True(h.GetProperty("at").GetDateTimeOffset() > DateTimeOffset.UtcNow.AddMinutes(-5));
        });
    }

    [Fact]
    public async Task Roles_must_be_known()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();

        var unknown = await PutRolesAsync(admin, customer.Id, new { roles = new[] { "Customer", "Owner" } }, 400);
        Assert.Equal(["Roles can only be Customer and Admin"], (await unknown.JsonAsync()).FieldErrors("roles"));
        var missing = await PutRolesAsync(admin, customer.Id, new { }, 400);
        Assert.Equal(["Choose the roles"], (await missing.JsonAsync()).FieldErrors("roles"));
    }

    [Fact]
    public async Task An_admin_cannot_remove_their_own_admin_role_or_lock_themselves()
    {
        var admin = await app.SignInAdminAsync();

        var demote = await PutRolesAsync(admin, admin.Id, new { roles = new[] { "Customer" } }, 409);
        await demote.AssertProblemAsync("CANNOT_MODIFY_SELF");
        Assert.Equal("You cannot remove the Admin role from your own account.", (await demote.JsonAsync()).GetProperty("detail").GetString());
        var lockSelf = await LockAsync(admin, admin.Id, "Testing", 409);
        await lockSelf.AssertProblemAsync("CANNOT_MODIFY_SELF");

        await PutRolesAsync(admin, admin.Id, new { roles = new[] { "Customer", "Admin" } }, 200);   // keeping it is fine
        var me = await (await app.MeAsync(admin, 200)).JsonAsync();
        Assert.Contains("Admin", Roles(me));
        Assert.Null((await app.LoadAsync<User>(admin.Id))!.LockedAt);
    }

    [Fact]
    public async Task Locking_revokes_every_session_and_refuses_sign_in_until_unlocked()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();
        var elsewhere = await app.SignInAsync(customer.Email, customer.Password, rememberMe: true);

        var locked = await (await LockAsync(admin, customer.Id, "  Repeated chargebacks  ", 200)).JsonAsync();
        Assert.Equal("Repeated chargebacks", locked.GetProperty("lockedReason").GetString());
        Assert.NotEqual(JsonValueKind.Null, locked.GetProperty("lockedAt").ValueKind);
        Assert.Equal(0, locked.GetProperty("activeSessionCount").GetInt32());

        await app.MeAsync(customer, 401);
        await app.MeAsync(elsewhere, 401);
        foreach (var token in new[] { customer.SessionToken, elsewhere.SessionToken })
        {
            await using var query = app.Host.Services.GetRequiredService<IIdentityStore>().QuerySession();
            var hash = SecretTokens.Hash(token);
            var session = await query.Query<UserSession>().FirstAsync(s => s.TokenHash == hash);
            Assert.Equal("AdminLock", session.RevokedReason);
        }
        var stored = await app.LoadAsync<User>(customer.Id);
        Assert.Equal(admin.Id, stored!.LockedBy);

        var refused = await app.LoginAsync(customer.Email, customer.Password, 423);
        await refused.AssertProblemAsync("ACCOUNT_LOCKED");
        Assert.Equal("This account is locked. Contact us to unlock it.", (await refused.JsonAsync()).GetProperty("detail").GetString());
        await app.LoginAsync(customer.Email, "Not-the-password-1", 401);

        var again = await (await LockAsync(admin, customer.Id, "A second reason", 200)).JsonAsync();
        Assert.Equal("Repeated chargebacks", again.GetProperty("lockedReason").GetString());   // already locked: unchanged

        var unlocked = await (await UnlockAsync(admin, customer.Id, 200)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, unlocked.GetProperty("lockedAt").ValueKind);
        Assert.Equal(JsonValueKind.Null, unlocked.GetProperty("lockedReason").ValueKind);
        var history = unlocked.GetProperty("history").EnumerateArray().ToList();
        Assert.Equal(["Locked", "Unlocked"], history.Select(h => h.GetProperty("action").GetString()));
        Assert.Equal("Repeated chargebacks", history[0].GetProperty("detail").GetString());
        Assert.All(history, h => Assert.Equal(app.AdminEmail, h.GetProperty("byEmail").GetString()));

        await app.MeAsync(customer, 401);   // sessions ended by the lock stay ended
        await app.LoginAsync(customer.Email, customer.Password, 200);
    }

    [Fact]
    public async Task A_lock_needs_a_reason_of_at_most_500_characters()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();

        Assert.Equal(["Enter a reason"], (await (await LockAsync(admin, customer.Id, "   ", 400)).JsonAsync()).FieldErrors("reason"));
        Assert.Equal(["Enter a reason"], (await (await LockAsync(admin, customer.Id, null, 400)).JsonAsync()).FieldErrors("reason"));
        Assert.Equal(["Reason must be 500 characters or fewer"],
            (await (await LockAsync(admin, customer.Id, new string('x', 501), 400)).JsonAsync()).FieldErrors("reason"));
        await LockAsync(admin, customer.Id, new string('x', 500), 200);
    }

    [Fact]
    public async Task Unlocking_also_clears_the_lockout_after_failed_sign_ins()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();
        for (var i = 0; i < 5; i++)
            await app.LoginAsync(customer.Email, "Wrong-password-" + i, 401);
        await app.LoginAsync(customer.Email, customer.Password, 423);

        var view = await (await GetAsync(admin, $"/api/admin/users/{customer.Id}", 200)).JsonAsync();
        Assert.True(view.GetProperty("temporarilyLockedUntil").GetDateTimeOffset() > app.Clock.GetUtcNow());
        Assert.Equal(JsonValueKind.Null, view.GetProperty("lockedAt").ValueKind);

        var unlocked = await (await UnlockAsync(admin, customer.Id, 200)).JsonAsync();
        Assert.Equal(JsonValueKind.Null, unlocked.GetProperty("temporarilyLockedUntil").ValueKind);
        await app.LoginAsync(customer.Email, customer.Password, 200);
    }

    [Fact]
    public async Task Sign_ins_racing_a_lock_never_leave_a_usable_session()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();

        var signIns = Enumerable.Range(0, 12).Select(_ => app.Host.Server.CreateClient().PostAsJsonAsync("/api/auth/login",
            new { email = customer.Email, password = customer.Password })).ToList();
        var lockTask = app.Host.Server.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, $"/api/admin/users/{customer.Id}/lock")
        {
            Content = JsonContent.Create(new { reason = "Racing" }),
            Headers = { { "Cookie", admin.Cookie } },
        });
        await Task.WhenAll([.. signIns, lockTask]);

        Assert.Equal(System.Net.HttpStatusCode.OK, (await lockTask).StatusCode);
        var tokens = new List<string>();
        foreach (var response in signIns.Select(t => t.Result))
        {
            Assert.Contains((int)response.StatusCode, new[] { 200, 423 });
            if (response.IsSuccessStatusCode)
                tokens.Add(Accounts.SessionTokenFrom(response.Headers.GetValues("Set-Cookie")));
        }
        foreach (var token in tokens.Append(customer.SessionToken))
            await app.MeAsync(token, 401);

        // Unlocking does not bring any of them back.
        await UnlockAsync(admin, customer.Id, 200);
        foreach (var token in tokens)
            await app.MeAsync(token, 401);
    }
}
