using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Audit.Tests;

/// <summary><c>GET /api/admin/audit</c> and <c>/admin/audit</c>: paged newest first, every filter, admins only.</summary>
[Collection(AuditCollection.Name)]
public sealed class AuditListTests(AuditFixture app)
{
    /// <summary>Three failed sign-ins to an email nobody has: three entries with that email as the target.</summary>
    private async Task<string> ThreeFailedSignInsAsync()
    {
        var email = Accounts.NewEmail("tried");
        for (var i = 0; i < 3; i++)
            await app.ScenarioAndWaitAsync(s =>
            {
                s.Post.Json(new { email, password = "Guessing-password-1" }).ToUrl("/api/auth/login");
                s.StatusCodeShouldBe(401);
            });
        return email;
    }

    [Fact]
    public async Task Pages_are_newest_first_in_the_paging_shape_of_the_other_admin_lists()
    {
        var admin = await app.SignInAdminAsync();
        var email = await ThreeFailedSignInsAsync();

        var first = await app.ListAsync(admin, $"target={email}&pageSize=2");
        var second = await app.ListAsync(admin, $"target={email}&pageSize=2&page=2");

        Assert.Equal((1, 2, 3, 2), (first.Page, first.PageSize, first.TotalCount, first.Items.Count));
        Assert.Equal((2, 2, 3, 1), (second.Page, second.PageSize, second.TotalCount, second.Items.Count));
        var all = first.Items.Concat(second.Items).ToList();
        Assert.Equal(3, all.Select(e => e.Id).Distinct().Count());
        Assert.Equal(all.OrderByDescending(e => e.At).Select(e => e.Id), all.Select(e => e.Id));

        var raw = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/admin/audit?target={email}");
            s.StatusCodeShouldBeOk();
            s.Header("Cache-Control").SingleValueShouldEqual("no-store");
        })).ReadAsJsonAsync<JsonElement>();
        Assert.Equal(["items", "page", "pageSize", "totalCount"], raw.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["id", "at", "actorId", "actorEmail", "ipAddress", "action", "target", "outcome", "status", "reason"],
            raw.GetProperty("items")[0].EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task Every_filter_narrows_the_list()
    {
        var admin = await app.SignInAdminAsync();
        var email = await ThreeFailedSignInsAsync();
        var customer = await app.CreateCustomerAsync();
        for (var i = 0; i < 2; i++)
            await app.Host.Scenario(s =>
            {
                s.SignedInAs(customer).Post.Json(new { reason = "Because" }).ToUrl($"/api/admin/users/{admin.Id}/lock");
                s.StatusCodeShouldBe(403);
            });
        var today = London.Today(app.Clock);

        async Task<int> CountAsync(string query) => (await app.ListAsync(admin, query)).TotalCount;

        Assert.Equal(3, await CountAsync($"target={email.ToUpperInvariant()}"));
        Assert.Equal(3, await CountAsync($"target={email}&outcome=failure"));
        Assert.Equal(0, await CountAsync($"target={email}&outcome=Success"));
        Assert.Equal(3, await CountAsync($"target={email}&action=auth.sign-in"));
        Assert.Equal(0, await CountAsync($"target={email}&action=orders.refund"));
        Assert.Equal(3, await CountAsync($"target={email}&from={today:yyyy-MM-dd}&to={today:yyyy-MM-dd}"));
        Assert.Equal(0, await CountAsync($"target={email}&from={today.AddDays(1):yyyy-MM-dd}"));
        Assert.Equal(0, await CountAsync($"target={email}&to={today.AddDays(-1):yyyy-MM-dd}"));

        // The customer's own sign-in and the two refused locks.
        Assert.Equal(3, await CountAsync($"actor={customer.Email.ToUpperInvariant()}"));
        Assert.Equal(3, await CountAsync($"actor={customer.Id}"));
        Assert.Equal(2, await CountAsync($"actor={customer.Email}&action=users.lock&outcome=failure"));
        Assert.Equal(0, await CountAsync($"actor={customer.Email}&target={email}"));
    }

    [Theory]
    [InlineData("outcome=maybe", "outcome", "Choose an outcome: success or failure")]
    [InlineData("from=2026-13-01", "from", "Enter a date as YYYY-MM-DD")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to", "The end date must be on or after the start date")]
    [InlineData("page=0", "page", "Page must be 1 or more")]
    [InlineData("pageSize=101", "pageSize", "Page size must be between 1 and 100")]
    public async Task Wrong_filters_are_field_errors(string query, string field, string message)
    {
        var admin = await app.SignInAdminAsync();

        var problem = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/audit?" + query);
            s.StatusCodeShouldBe(400);
        })).ReadAsJsonAsync<JsonElement>();

        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(m => m.GetString()));
    }

    [Fact]
    public async Task Customers_and_anonymous_callers_get_the_answers_of_every_admin_endpoint()
    {
        var customer = await app.CreateCustomerAsync();

        foreach (var (user, status, code) in new[] { (customer, 403, "FORBIDDEN"), ((TestUser?)null, 401, "UNAUTHENTICATED") })
            foreach (var url in new[] { "/api/admin/audit", "/api/admin/users" })
            {
                var problem = await (await app.Host.Scenario(s =>
                {
                    s.Get.Url(url);
                    if (user is not null) s.SignedInAs(user);
                    s.StatusCodeShouldBe(status);
                })).ReadAsJsonAsync<JsonElement>();
                Assert.Equal(code, problem.GetProperty("code").GetString());
            }
    }

    [Fact]
    public async Task The_page_lists_the_entries_with_its_filters_and_is_in_the_admin_navigation()
    {
        var admin = await app.SignInAdminAsync();
        var email = await ThreeFailedSignInsAsync();

        var page = await PageVisitor.For(app, admin).GetAsync($"/admin/audit?target={email}&outcome=failure");

        Assert.Contains("<h1>Audit log</h1>", page.Html);
        Assert.Contains("<a href=\"/admin/audit\" aria-current=\"page\">Audit log</a>", page.Html);
        Assert.Contains($"name=\"target\" type=\"search\" value=\"{email}\"", page.Html);
        Assert.Contains("<option value=\"failure\" selected=\"selected\">Failure</option>", page.Html);
        foreach (var filter in new[] { "actor", "action", "from", "to" })
            Assert.Contains($"name=\"{filter}\"", page.Html);
        Assert.Contains("3 entries, newest first.", page.Html);
        Assert.Equal(3, page.Html.Split(">auth.sign-in</a>").Length - 1);
        Assert.Contains("INVALID_CREDENTIALS", page.Html);
        Assert.Contains("Anonymous", page.Html);

        var other = await PageVisitor.For(app, admin).GetAsync("/admin/orders");
        Assert.Contains("<a href=\"/admin/audit\">Audit log</a>", other.Html);
    }

    [Fact]
    public async Task The_page_shows_a_wrong_filter_as_a_field_error_and_customers_get_what_other_admin_pages_answer()
    {
        var admin = await app.SignInAdminAsync();
        var customer = await app.CreateCustomerAsync();

        var wrong = await PageVisitor.For(app, admin).GetAsync("/admin/audit?outcome=maybe", 400);
        Assert.Contains("Choose an outcome: success or failure", wrong.Html);
        Assert.Contains("<title>Error: Audit log", wrong.Html);

        var users = await app.Host.Scenario(s => { s.SignedInAs(customer).Get.Url("/admin/users"); s.StatusCodeShouldBe(403); });
        var audit = await app.Host.Scenario(s => { s.SignedInAs(customer).Get.Url("/admin/audit"); s.StatusCodeShouldBe(403); });
        Assert.Equal(users.Context.Response.StatusCode, audit.Context.Response.StatusCode);
    }
}
