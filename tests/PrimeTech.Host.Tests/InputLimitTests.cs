using System.Net.Http.Json;
using System.Text;

namespace PrimeTech.Host.Tests;

/// <summary>
/// Hostile sizes (CODEX_HANDOFF §2.1): a body over 1 MB is refused with 413 whether or not it
/// declares its length, pages get the styled 413 page, and every oversized string field answers
/// VALIDATION_FAILED on that field before any work is done with it.
/// </summary>
[Collection(HostCollection.Name)]
public sealed class InputLimitTests(HostFixture app)
{
    private const int OneMegabyte = 1024 * 1024;
    private readonly HttpClient _client = app.Host.Server.CreateClient();

    [Fact]
    public async Task A_5_mb_json_sign_in_is_refused_with_413_before_it_is_read()
    {
        var body = JsonSerializer.Serialize(new { email = "a@example.test", password = new string('x', 5 * OneMegabyte) });

        var response = await _client.PostAsync("/api/auth/login", new StringContent(body, Encoding.UTF8, "application/json"));

        await AssertPayloadTooLargeAsync(response);
    }

    [Fact]
    public async Task A_chunked_body_is_cut_off_once_it_passes_1_mb()
    {
        var name = new string('n', OneMegabyte + 10);
        var response = await _client.PostAsync("/api/test-probe/echo", new UnsizedContent($"{{\"name\":\"{name}\",\"quantity\":1}}"));

        await AssertPayloadTooLargeAsync(response);
    }

    [Fact]
    public async Task A_body_just_under_1_mb_is_read()
    {
        var name = new string('n', OneMegabyte - 100);
        var response = await _client.PostAsync("/api/test-probe/echo", new UnsizedContent($"{{\"name\":\"{name}\",\"quantity\":1}}"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_oversized_form_post_gets_the_styled_413_page()
    {
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.Email"] = "a@example.test",
            ["Input.Password"] = new string('x', 2 * OneMegabyte),
        });

        var response = await _client.PostAsync("/login", form);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("What you sent is too large", html);
    }

    [Fact]
    public async Task A_password_over_128_characters_is_refused_at_sign_in_and_change()
    {
        var customer = await app.CreateCustomerAsync();
        var tooLong = new string('p', 129);

        var login = await _client.PostAsJsonAsync("/api/auth/login", new { email = customer.Email, password = tooLong });
        await AssertFieldErrorAsync(login, "password", "Password must be 128 characters or fewer");

        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/auth/change-password")
        {
            Content = JsonContent.Create(new { currentPassword = tooLong, newPassword = "Another-long-password-77" }),
        };
        change.Headers.Add("Cookie", customer.Cookie);
        await AssertFieldErrorAsync(await _client.SendAsync(change), "currentPassword", "Password must be 128 characters or fewer");
    }

    public static TheoryData<string, string, string?, string> OversizedFields() => new()
    {
        // method, url, JSON body (or null), the field named in the error
        { "POST", "/api/auth/login", $$"""{"email":"{{new string('e', 250)}}@example.test","password":"x"}""", "email" },
        { "POST", "/api/auth/register", $$"""{"email":"n@example.test","name":"{{new string('n', 101)}}","password":"Long-enough-password-1"}""", "name" },
        { "POST", "/api/auth/forgot-password", $$"""{"email":"{{new string('e', 250)}}@example.test"}""", "email" },
        { "POST", "/api/bookings/track", $$"""{"reference":"{{new string('R', 41)}}","email":"a@example.test"}""", "reference" },
        { "POST", "/api/bookings/track", $$"""{"reference":"BKG-20260302-7K3Q","email":"{{new string('e', 250)}}@example.test"}""", "email" },
        { "POST", "/api/bookings/BKG-20260302-7K3Q/cancel", $$"""{"email":"{{new string('e', 250)}}@example.test","reason":"x"}""", "email" },
        { "POST", "/api/bookings/BKG-20260302-7K3Q/cancel", $$"""{"email":"a@example.test","reason":"{{new string('r', 1001)}}"}""", "reason" },
        { "POST", "/api/bookings", $$"""{"serviceSlug":"{{new string('s', 81)}}","start":"2030-01-07T10:00:00Z","name":"N","email":"a@example.test","phone":"01234 567890"}""", "serviceSlug" },
        { "POST", "/api/bookings", $$"""{"serviceSlug":"remote-support","start":"2030-01-07T10:00:00Z","name":"N","email":"a@example.test","phone":"01234 567890","notes":"{{new string('x', 2001)}}"}""", "notes" },
        { "POST", "/api/cart/items", $$"""{"sku":"{{new string('S', 41)}}","quantity":1}""", "sku" },
        { "POST", "/api/auth/login/two-factor", $$"""{"code":"{{new string('1', 33)}}"}""", "code" },
        { "POST", "/api/auth/two-factor/confirm", $$"""{"code":"{{new string('1', 33)}}"}""", "code" },
        { "POST", "/api/auth/two-factor/disable", $$"""{"code":"{{new string('1', 33)}}"}""", "code" },
        { "PATCH", "/api/auth/me", $$"""{"name":"{{new string('n', 101)}}"}""", "name" },
        { "GET", $"/api/admin/users?q={new string('q', 201)}", null, "q" },
        { "GET", $"/api/admin/orders?q={new string('q', 201)}", null, "q" },
        { "GET", $"/api/admin/products?q={new string('q', 201)}", null, "q" },
        { "GET", $"/api/admin/bookings?q={new string('q', 201)}", null, "q" },
        { "GET", $"/api/admin/webhooks?q={new string('q', 201)}", null, "q" },
        { "GET", $"/api/admin/webhooks?type={new string('t', 201)}", null, "type" },
    };

    [Theory]
    [MemberData(nameof(OversizedFields))]
    public async Task Every_oversized_string_field_is_a_validation_error_on_that_field(string method, string url, string? body, string field)
    {
        var admin = await app.SignInAdminAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), url)
        {
            Content = body is null ? null : new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Cookie", admin.Cookie);

        var response = await _client.SendAsync(request);

        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"No error on '{field}': {problem}");
    }

    private static async Task AssertPayloadTooLargeAsync(HttpResponseMessage response)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.RequestEntityTooLarge, "PAYLOAD_TOO_LARGE");
        Assert.Equal("The request body is too large.", problem.GetProperty("detail").GetString());
    }

    private static async Task AssertFieldErrorAsync(HttpResponseMessage response, string field, string message)
    {
        var problem = await AssertProblemAsync(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal([message], problem.GetProperty("errors").GetProperty(field).EnumerateArray().Select(e => e.GetString()));
    }

    private static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(status == response.StatusCode, $"Expected {(int)status}, got {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        Assert.Equal(code, problem.GetProperty("code").GetString());
        return problem;
    }

    /// <summary>A JSON body sent without Content-Length (chunked), so only reading it can tell its size.</summary>
    private sealed class UnsizedContent : HttpContent
    {
        private readonly byte[] _bytes;

        public UnsizedContent(string json)
        {
            _bytes = Encoding.UTF8.GetBytes(json);
            Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
