using Alba;
using PrimeTech.Identity.Sessions;

namespace PrimeTech.HostileClientTests;

/// <summary>
/// A page on another site makes the victim's browser send every state-changing request the app
/// serves, with the victim's cookies: the API refuses each with 403 <c>CSRF_REJECTED</c> before any
/// handler runs, every page form without the antiforgery token only the site can read answers 400,
/// and the victim's things are as they were.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class CsrfSweepTests(HostileFixture app)
{
    /// <summary>Called by software and Stripe, which carry no cookie (CODEX_HANDOFF §5.3).</summary>
    private static readonly HashSet<string> CookielessRoutes =
        ["api/webhooks/stripe", "api/licences/activate", "api/licences/validate", "api/licences/deactivate"];

    private static readonly Dictionary<string, string>[] ForeignSenders =
    [
        new() { ["Origin"] = "https://evil.example" },
        new() { ["Origin"] = "null" },
        new() { ["Sec-Fetch-Site"] = "cross-site", ["Origin"] = "https://evil.example" },
        new() { ["Sec-Fetch-Site"] = "same-site", ["Origin"] = "https://shop.primetech.example" },
    ];

    [Fact]
    public async Task Every_state_changing_api_route_refuses_a_foreign_origin()
    {
        var routes = AppRoutes.All(app)
            .Where(r => r.Method is "POST" or "PUT" or "PATCH" or "DELETE" && r.Route.StartsWith("api/", StringComparison.Ordinal))
            .Where(r => !CookielessRoutes.Contains(r.Route))
            .Distinct()
            .ToList();
        Assert.True(routes.Count > 40, $"Only {routes.Count} state-changing API routes were found.");

        var failures = new List<string>();
        foreach (var (method, route) in routes)
        foreach (var headers in ForeignSenders)
        {
            // What an HTML form on the attacker's page can send without a preflight.
            var url = "/" + AppRoutes.Fill(route, app.World);
            var body = new StringContent("reason=csrf&roles=Admin", Encoding.UTF8, "application/x-www-form-urlencoded");
            var (status, text) = await HostileClient.SendAsync(app, app.World.Victim, method, url, body, headers);
            if (status != 403 || HostileClient.ProblemCode(text) != "CSRF_REJECTED")
                failures.Add($"{method} {url} with {string.Join(", ", headers.Select(h => $"{h.Key}: {h.Value}"))}: {status} {text}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await app.World.AssertVictimUntouchedAsync(app);
    }

    [Fact]
    public async Task Every_page_form_refuses_a_post_without_the_sites_antiforgery_token()
    {
        var forms = AppRoutes.PageForms().ToList();
        Assert.True(forms.Count > 25, $"Only {forms.Count} page forms were found.");

        // The victims' browsers have visited the site, so they hold its antiforgery cookie too; admin forms are aimed at the admin.
        var customer = PageVisitor.For(app, app.World.Victim);
        await customer.GetAsync("/account/profile");
        var admin = PageVisitor.For(app, app.World.Admin);
        await admin.GetAsync("/admin");
        var failures = new List<string>();
        foreach (var (route, handler, _) in forms)
        {
            var url = "/" + AppRoutes.Fill(route, app.World) + (handler.Length == 0 ? "" : $"?handler={handler}");
            var victim = route.StartsWith("admin", StringComparison.Ordinal) ? admin : customer;
            var page = await victim.PostForeignFormAsync(url, new Dictionary<string, string>
            {
                ["Reference"] = app.World.Owned.Booking, ["licenceKey"] = app.World.Owned.LicenceKey, ["confirm"] = "true",
                ["id"] = app.World.Owned.SessionId.ToString(), ["Name"] = "Renamed by CSRF",
            }, "https://evil.example");
            if (page.Status != 400) failures.Add($"POST {url}: {page.Status}");
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await app.World.AssertVictimUntouchedAsync(app);
    }

    [Fact]
    public async Task The_session_and_antiforgery_cookies_are_not_sent_on_cross_site_posts()
    {
        var signIn = await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = app.World.Victim.Email, password = Accounts.DefaultPassword }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBeOk();
        });
        var session = signIn.Context.Response.Headers.SetCookie.Single(c => c!.StartsWith(SessionCookie.Name + "=", StringComparison.Ordinal))!;
        Assert.Contains("samesite=lax", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", session, StringComparison.OrdinalIgnoreCase);

        var login = await PageVisitor.For(app).GetAsync("/login");
        var antiforgery = login.Result.Context.Response.Headers.SetCookie.Single(c => c!.StartsWith("pts-af=", StringComparison.Ordinal))!;
        Assert.Contains("samesite=strict", antiforgery, StringComparison.OrdinalIgnoreCase);
    }
}
