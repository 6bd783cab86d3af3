namespace PrimeTech.HostileClientTests;

/// <summary>
/// The attacker, signed in as themselves, tries every route that takes an order, invoice, receipt,
/// licence, booking, release or session id with the victim's: each answers 404 (or 403 on admin
/// routes) with none of the victim's data, and afterwards the victim's things are as they were.
/// A route with a parameter that no probe covers fails <see cref="Every_route_with_an_identifier_is_probed"/>.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class IdorSweepTests(HostileFixture app)
{
    private World World => app.World;
    private VictimBelongings Owned => app.World.Owned;

    /// <summary>Routes whose parameter names public data or the caller's own: a slug, a SKU in their own cart, a status page.</summary>
    private static readonly HashSet<string> NotOwnerScoped =
        ["api/products/{slug}", "api/services/{slug}", "products/{slug}", "api/cart/items/{sku}", "error/{status:int}",
        "api/docs/{documentName?}", "{**path:file}"];

    /// <summary>(method, route template, url with the victim's id, JSON body) for every customer API route that takes an identifier.</summary>
    private IEnumerable<(string Method, string Route, string Url, object? Body)> ApiProbes() =>
    [
        ("GET", "api/orders/{number}", $"/api/orders/{Owned.PaidOrder}", null),
        ("POST", "api/orders/{number}/pay", $"/api/orders/{Owned.PendingOrder}/pay", null),
        ("POST", "api/orders/{number}/cancel", $"/api/orders/{Owned.PendingOrder}/cancel", null),
        ("GET", "api/invoices/{number}/download", $"/api/invoices/{Owned.Invoice}/download", null),
        ("GET", "api/receipts/{number}/download", $"/api/receipts/{Owned.Receipt}/download", null),
        ("GET", "api/credit-notes/{number}/download", $"/api/credit-notes/{Owned.CreditNote}/download", null),
        ("POST", "api/licences/{licenceKey}/offline-file", $"/api/licences/{Owned.LicenceKey}/offline-file", new { fingerprint = "mallory-workstation-0001" }),
        ("POST", "api/licences/{licenceKey}/release", $"/api/licences/{Owned.LicenceKey}/release", null),
        ("POST", "api/downloads/{releaseId:guid}/link", $"/api/downloads/{Owned.ReleaseId}/link", null),
        ("GET", "api/bookings/{reference}", $"/api/bookings/{Owned.Booking}", null),
        ("POST", "api/bookings/{reference}/cancel", $"/api/bookings/{Owned.Booking}/cancel", new { reason = "Mallory was here" }),
        ("DELETE", "api/auth/sessions/{id:guid}", $"/api/auth/sessions/{Owned.SessionId}", null),
        ("GET", "api/bookings/track/{token}", $"/api/bookings/track/{GuessedTrackingToken}", null),
        ("POST", "api/bookings/track/{token}/cancel", $"/api/bookings/track/{GuessedTrackingToken}/cancel", new { reason = "Mallory was here" }),
    ];

    /// <summary>A booking's emailed tracking link is its own credential, never shown to anyone else: the attacker can only guess one.</summary>
    private const string GuessedTrackingToken = "MalloryGuessesAWellFormedTrackingToken00000";

    /// <summary>(route template, url) of every customer page that takes an identifier in its path or query.</summary>
    private IEnumerable<(string Route, string Url)> PageGets() =>
    [
        ("account/orders/{number}", $"/account/orders/{Owned.PaidOrder}"),
        ("account/orders/{number}/cancel", $"/account/orders/{Owned.PendingOrder}/cancel"),
        ("account/orders/{number}/invoice", $"/account/orders/{Owned.PaidOrder}/invoice"),
        ("account/orders/{number}/receipt", $"/account/orders/{Owned.PaidOrder}/receipt"),
        ("account/orders/{number}/credit-notes/{creditNote}", $"/account/orders/{Owned.PaidOrder}/credit-notes/{Owned.CreditNote}"),
        ("bookings/track/{token}", $"/bookings/track/{GuessedTrackingToken}"),
    ];

    [Fact]
    public async Task Another_customers_ids_on_the_api_answer_404_with_nothing_of_theirs()
    {
        var failures = new List<string>();
        foreach (var (method, _, url, body) in ApiProbes())
        {
            var (status, text) = await HostileClient.SendAsync(app, World.Attacker, method, url, body);
            if (status != 404 || HostileClient.ProblemCode(text) != "NOT_FOUND") failures.Add($"{method} {url}: {status} {text}");
            failures.AddRange(Leaks(text, url).Select(l => $"{method} {url} leaked {l}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await World.AssertVictimUntouchedAsync(app);
    }

    [Fact]
    public async Task A_guest_with_their_own_email_cannot_track_or_cancel_the_victims_booking()
    {
        var (track, trackText) = await HostileClient.SendAsync(app, null, "POST", "/api/bookings/track", new { reference = Owned.Booking, email = World.Attacker.Email });
        var (cancel, cancelText) = await HostileClient.SendAsync(app, null, "POST", $"/api/bookings/{Owned.Booking}/cancel", new { email = World.Attacker.Email });

        Assert.Equal((404, 404), (track, cancel));
        Assert.Empty(Leaks(trackText + cancelText, Owned.Booking));
        await World.AssertVictimUntouchedAsync(app);
    }

    [Fact]
    public async Task Another_customers_ids_on_the_pages_answer_404_or_nothing_of_theirs()
    {
        var attacker = PageVisitor.For(app, World.Attacker);
        var failures = new List<string>();
        foreach (var (_, url) in PageGets())
        {
            var page = await attacker.GetAsync(url, expectedStatus: null);
            if (page.Status != 404) failures.Add($"GET {url}: {page.Status}");
            failures.AddRange(Leaks(page.Html, url).Select(l => $"GET {url} leaked {l}"));
        }

        // Pages that take the id in a query string or a form field answer with the page itself; what matters is that nothing of the victim's is shown or changed.
        foreach (var url in new[] { $"/checkout/success?order={Owned.PaidOrder}", $"/checkout/cancelled?order={Owned.PendingOrder}", $"/book/done?reference={Owned.Booking}" })
        {
            var page = await attacker.GetAsync(url, expectedStatus: null);
            if (page.Status >= 500) failures.Add($"GET {url}: {page.Status}");
            failures.AddRange(Leaks(page.Html, url).Select(l => $"GET {url} leaked {l}"));
        }
        var forms = new (string Url, Dictionary<string, string> Fields)[]
        {
            ($"/account/orders/{Owned.PendingOrder}/cancel", []),
            ($"/account/orders/{Owned.PendingOrder}?handler=Pay", []),
            ($"/checkout/cancelled?order={Owned.PendingOrder}", []),
            ("/account/bookings?handler=Cancel", new() { ["reference"] = Owned.Booking }),
            ("/account/downloads", new() { ["releaseId"] = Owned.ReleaseId.ToString() }),
            ("/account/licences?handler=Release", new() { ["licenceKey"] = Owned.LicenceKey, ["confirm"] = "true" }),
            ("/account/licences?handler=OfflineFile", new() { ["licenceKey"] = Owned.LicenceKey, ["fingerprint"] = "mallory-workstation-0001" }),
            ("/account/security?handler=Revoke", new() { ["id"] = Owned.SessionId.ToString() }),
            ("/bookings/track", new() { ["Reference"] = Owned.Booking, ["Email"] = World.Attacker.Email }),
            ("/bookings/track?handler=Cancel", new() { ["Reference"] = Owned.Booking, ["Email"] = World.Attacker.Email }),
        };
        foreach (var (url, fields) in forms)
        {
            var page = await attacker.PostFormAsync(url, fields, expectedStatus: null, formPage: "/account/profile");
            if (page.Status >= 500) failures.Add($"POST {url}: {page.Status}");
            failures.AddRange(Leaks(page.Html, url + string.Join(" ", fields.Values)).Select(l => $"POST {url} leaked {l}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        await World.AssertVictimUntouchedAsync(app);
    }

    [Fact]
    public async Task Admin_routes_refuse_a_customer_holding_the_victims_ids()
    {
        var failures = new List<string>();
        foreach (var (method, route) in AppRoutes.All(app).Where(r => r.Route.StartsWith("api/admin/", StringComparison.Ordinal)))
        {
            var url = "/" + AppRoutes.Fill(route, World);
            var (status, text) = await HostileClient.SendAsync(app, World.Attacker, method, url, null);
            if (status != 403 || HostileClient.ProblemCode(text) != "FORBIDDEN") failures.Add($"{method} {url}: {status} {text}");
            failures.AddRange(Leaks(text, url).Select(l => $"{method} {url} leaked {l}"));
        }
        var attacker = PageVisitor.For(app, World.Attacker);
        foreach (var route in AppRoutes.All(app).Where(r => r.Method == "GET" && r.Route.StartsWith("admin", StringComparison.Ordinal)).Select(r => r.Route).Distinct())
        {
            var url = "/" + AppRoutes.Fill(route, World);
            var page = await attacker.GetAsync(url, expectedStatus: null);
            if (page.Status != 403) failures.Add($"GET {url}: {page.Status}");
            failures.AddRange(Leaks(page.Html, url).Select(l => $"GET {url} leaked {l}"));
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public void Every_route_with_an_identifier_is_probed()
    {
        var probed = ApiProbes().Select(p => p.Route).Concat(PageGets().Select(p => p.Route)).ToHashSet();
        var unprobed = AppRoutes.All(app)
            .Select(r => r.Route)
            .Where(route => route.Contains('{') && !route.StartsWith("api/admin/", StringComparison.Ordinal) && !route.StartsWith("admin", StringComparison.Ordinal))
            .Where(route => !probed.Contains(route) && !NotOwnerScoped.Contains(route))
            .Distinct()
            .ToList();
        Assert.Empty(unprobed);
    }

    /// <summary>The victim's personal data and identifiers (other than the one the attacker sent) found in an answer.</summary>
    private IEnumerable<string> Leaks(string text, string sentUrl)
    {
        var identifiers = new[] { Owned.PaidOrder, Owned.PendingOrder, Owned.Invoice, Owned.Receipt, Owned.CreditNote, Owned.LicenceKey, Owned.Booking, Owned.ReleaseId.ToString(), Owned.SessionId.ToString() };
        return World.VictimSecrets.Concat(identifiers.Where(id => !sentUrl.Contains(id, StringComparison.OrdinalIgnoreCase)))
            .Where(secret => text.Contains(secret, StringComparison.OrdinalIgnoreCase) || text.Contains(WebUtility.HtmlEncode(secret), StringComparison.OrdinalIgnoreCase));
    }
}
