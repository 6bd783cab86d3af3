using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Razor.Hosting;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace PrimeTech.HostileClientTests;

/// <summary>Raw requests as a hostile client sends them, over real HTTP to the app on Kestrel, and reading the error contract back.</summary>
public static class HostileClient
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false })
    {
        Timeout = TimeSpan.FromSeconds(60),
    };

    public static async Task<(int Status, string Text)> SendAsync(AppFixture app, TestUser? user, string method, string url, object? body,
        IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), app.SiteUrl + url);
        if (body is not null && method != "GET" && method != "DELETE")
            request.Content = body as HttpContent ?? new StringContent(body as string ?? JsonSerializer.Serialize(body), Encoding.UTF8, "application/json");
        if (user is not null) request.Headers.Add("Cookie", user.Cookie);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
            request.Headers.TryAddWithoutValidation(name, value);
        using var response = await Http.SendAsync(request);
        return ((int)response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The problem's <c>code</c>, or null when the answer is not problem+json.</summary>
    public static string? ProblemCode(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return json.RootElement.ValueKind == JsonValueKind.Object && json.RootElement.TryGetProperty("code", out var code) ? code.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}

/// <summary>The routes the app serves, read from its endpoint data source, and the victim's ids put into them.</summary>
public static partial class AppRoutes
{
    /// <summary>Every (method, route template) the app serves, templates without their leading slash.</summary>
    public static IEnumerable<(string Method, string Route)> All(AppFixture app) =>
        app.Host.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(m => (m, (e.RoutePattern.RawText ?? "").TrimStart('/'))))
            .Where(r => !r.Item2.StartsWith("test-probe", StringComparison.Ordinal) && !r.Item2.StartsWith("api/test-probe", StringComparison.Ordinal));

    /// <summary>A route template with the victim's identifiers in its parameters.</summary>
    public static string Fill(string route, World world) =>
        Fill(route, parameter => parameter switch
        {
            "number" => world.Owned.PaidOrder,
            "creditNote" => world.Owned.CreditNote,
            "licenceKey" => world.Owned.LicenceKey,
            "reference" => world.Owned.Booking,
            "releaseId" => world.Owned.ReleaseId.ToString(),
            "eventId" => "evt_unknown",
            "slug" => "remote-support",
            "sku" => "NO-SUCH-SKU",
            "status" => "404",
            _ => world.Victim.Id.ToString(),
        });

    /// <summary>A route template with each parameter replaced by <paramref name="value"/> of its name.</summary>
    public static string Fill(string route, Func<string, string> value) => Parameter().Replace(route, m => value(m.Groups[1].Value));

    /// <summary>
    /// (route template, handler name, the form fields it binds) of every page POST handler, read
    /// from the compiled pages: fields are the model's <c>[BindProperty]</c> properties (and their
    /// <c>Input.</c> members) and the handler's parameters.
    /// </summary>
    public static IEnumerable<(string Route, string Handler, IReadOnlyList<string> Fields)> PageForms()
    {
        var web = typeof(PrimeTech.Web.Pages.PageErrors).Assembly;
        foreach (var item in web.GetCustomAttributes<RazorCompiledItemAttribute>().Where(i => i.Kind == "mvc.1.0.razor-page"))
        {
            var model = item.Type.GetProperty("Model")?.PropertyType;
            if (model is null || !typeof(PageModel).IsAssignableFrom(model)) continue;
            var route = item.Type.GetCustomAttributes<RazorCompiledItemMetadataAttribute>().FirstOrDefault(m => m.Key == "RouteTemplate")?.Value.TrimStart('/')
                        ?? DefaultRoute(item.Identifier);
            // The status page answers every method, since it renders re-executed requests.
            if (route.StartsWith("test-probe", StringComparison.Ordinal) || route.StartsWith("error/", StringComparison.Ordinal)) continue;
            var bound = model.GetProperties().Where(p => p.GetCustomAttribute<BindPropertyAttribute>() is not null)
                .SelectMany(p => p.PropertyType.IsClass && p.PropertyType != typeof(string)
                    ? p.PropertyType.GetProperties().Select(inner => $"{p.Name}.{inner.Name}")
                    : [p.Name])
                .ToList();
            foreach (var method in model.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                         .Where(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)))
            {
                var handler = method.Name["OnPost".Length..];
                if (handler.EndsWith("Async", StringComparison.Ordinal)) handler = handler[..^"Async".Length];
                yield return (route, handler, bound.Concat(method.GetParameters().Select(p => p.Name!)).Distinct().ToList());
            }
        }
    }

    /// <summary>A page's route by Razor's convention, when its @page directive names none: /Pages/A/Index.cshtml → a.</summary>
    private static string DefaultRoute(string identifier)
    {
        var path = identifier["/Pages/".Length..^".cshtml".Length];
        if (path.EndsWith("Index", StringComparison.Ordinal)) path = path[..^"Index".Length];
        return path.TrimEnd('/').ToLowerInvariant();
    }

    [GeneratedRegex(@"\{\**(\w+)(:[^}]*)?\??\}")]
    private static partial Regex Parameter();
}

public static class VictimChecks
{
    /// <summary>The victim is still signed in, and their orders, booking and activated licence are as they were.</summary>
    public static async Task AssertVictimUntouchedAsync(this World world, AppFixture app)
    {
        using var victim = app.ClientFor(world.Victim);
        var me = await World.ReadAsync(await victim.GetAsync("/api/auth/me"), HttpStatusCode.OK);
        Assert.Equal(world.Victim.Email, me.GetProperty("email").GetString());
        var pending = await World.ReadAsync(await victim.GetAsync($"/api/orders/{world.Owned.PendingOrder}"), HttpStatusCode.OK);
        Assert.Equal("PendingPayment", pending.GetProperty("status").GetString());
        var paid = await World.ReadAsync(await victim.GetAsync($"/api/orders/{world.Owned.PaidOrder}"), HttpStatusCode.OK);
        Assert.Equal("PartiallyRefunded", paid.GetProperty("status").GetString());   // by the admin, while the world was made
        Assert.Equal(world.Owned.CreditNote, Assert.Single(paid.GetProperty("creditNotes").EnumerateArray()).GetProperty("number").GetString());
        var booking = await World.ReadAsync(await victim.GetAsync($"/api/bookings/{world.Owned.Booking}"), HttpStatusCode.OK);
        Assert.Equal("Requested", booking.GetProperty("status").GetString());
        var licences = await World.ReadAsync(await victim.GetAsync("/api/licences"), HttpStatusCode.OK);
        var licence = licences.GetProperty("items").EnumerateArray().Single(l => l.GetProperty("licenceKey").GetString() == world.Owned.LicenceKey);
        Assert.Equal("Active", licence.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Object, licence.GetProperty("activation").ValueKind);
        Assert.False(licence.GetProperty("activation").GetProperty("offlineFile").GetBoolean());
    }
}
