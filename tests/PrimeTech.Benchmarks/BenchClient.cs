using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace PrimeTech.Benchmarks;

/// <summary>A signed-in account: its session cookie, ready for a Cookie header (or wrk's).</summary>
public sealed record BenchUser(string Email, string Cookie);

/// <summary>
/// The benchmark's own small client of the app's public HTTP API: accounts (verified through the
/// emailed link), products, carts, checkouts, payments at the Stripe stand-in, and webhooks signed
/// exactly as Stripe signs them (HMAC-SHA256 of "{t}.{body}" with the endpoint secret).
/// </summary>
public sealed class BenchClient(string baseUrl, StripeStandInClient stripe, string stripeApiKey, string webhookSecret)
{
    public const string Password = "Bench-password-long-enough-42";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public HttpClient Http { get; } = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = 256,
        UseCookies = false,
#pragma warning disable CA5359 // Caddy's local CA signs the deployment's certificate; the bench measures, it does not trust.
        SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
#pragma warning restore CA5359
    })
    {
        BaseAddress = new Uri(baseUrl),
        Timeout = TimeSpan.FromSeconds(60),
    };

    public StripeStandInClient Stripe => stripe;

    public async Task<BenchUser> SignInAsync(string email, string password = Password)
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/login", new { email, password, rememberMe = false });
        await EnsureAsync(response, "sign-in");
        var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Last(c => c.StartsWith("__Host-pts=", StringComparison.Ordinal));
        return new BenchUser(email, cookie);
    }

    /// <summary>
    /// Signs in the freshly seeded admin, who must use two-factor sign-in: the password session
    /// enrols (setup, then confirm with a code Otp.NET computes) and stays valid for the admin pages.
    /// </summary>
    public async Task<BenchUser> SignInAdminAsync(string email, string password)
    {
        using var response = await Http.PostAsJsonAsync("/api/auth/login", new { email, password, rememberMe = false });
        await EnsureAsync(response, "admin sign-in");
        if ((await response.Content.ReadFromJsonAsync<JsonObject>(Json))?["mfaRequired"] is not null)
            throw new InvalidOperationException($"{email} is already enrolled in two-factor sign-in: the benchmark needs a freshly seeded database.");
        var admin = new BenchUser(email, response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Last(c => c.StartsWith("__Host-pts=", StringComparison.Ordinal)));

        using var setup = await Http.SendAsync(Request(HttpMethod.Post, "/api/auth/two-factor/setup", admin, null));
        await EnsureAsync(setup, "two-factor setup");
        var secret = (await setup.Content.ReadFromJsonAsync<JsonObject>(Json))!["secret"]!.GetValue<string>();
        using var confirm = await Http.SendAsync(Request(HttpMethod.Post, "/api/auth/two-factor/confirm", admin,
            new { code = TwoFactorSteps.Code(secret, DateTimeOffset.UtcNow) }));
        await EnsureAsync(confirm, "two-factor confirm");
        return admin;
    }

    /// <summary>Registers a customer, follows the verification link from the email, signs in.</summary>
    public async Task<BenchUser> CreateCustomerAsync(SmtpSink mail)
    {
        var email = $"bench-{Guid.NewGuid():N}@example.test";
        using (var register = await Http.PostAsJsonAsync("/api/auth/register", new { email, name = "Bench Customer", password = Password }))
            await EnsureAsync(register, "register");
        var token = await mail.VerificationTokenAsync(email, TimeSpan.FromSeconds(60));
        using (var verify = await Http.PostAsJsonAsync("/api/auth/verify-email", new { token }))
            await EnsureAsync(verify, "verify email");
        var customer = await SignInAsync(email);
        // Checkout needs billing details on the account.
        using (var billing = await Http.SendAsync(Request(HttpMethod.Put, "/api/account/billing-details", customer, TestBillingDetails.Json())))
            await EnsureAsync(billing, "save billing details");
        return customer;
    }

    public async Task<string> CreateProductAsync(BenchUser admin, bool licensed)
    {
        var sku = "BENCH-" + Guid.NewGuid().ToString("N")[..8].ToUpperInvariant();
        using var request = Request(HttpMethod.Post, "/api/admin/products", admin, new
        {
            sku, slug = sku.ToLowerInvariant(), name = "Benchmark product " + sku, summary = "For the benchmark.",
            descriptionMarkdown = "A product the **benchmark** made.", unitPriceNetPence = 4999, vatRatePercent = 20m,
            isLicensed = licensed, isActive = true,
        });
        using var response = await Http.SendAsync(request);
        await EnsureAsync(response, "create product");
        return sku;
    }

    /// <summary>Puts the product in the customer's cart and returns the cart's revision.</summary>
    public async Task<long> AddToCartAsync(BenchUser customer, string sku, int quantity = 1)
    {
        using var request = Request(HttpMethod.Post, "/api/cart/items", customer, new { sku, quantity });
        using var response = await Http.SendAsync(request);
        await EnsureAsync(response, "add to cart");
        var cart = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return cart!["revision"]!.GetValue<long>();
    }

    /// <summary><c>POST /api/orders/checkout</c>: the Stripe session id to pay at, or null if the answer was not 201/200.</summary>
    public async Task<string?> CheckoutAsync(BenchUser customer, long cartRevision)
    {
        using var request = Request(HttpMethod.Post, "/api/orders/checkout", customer, new { cartRevision });
        using var response = await Http.SendAsync(request);
        if (!response.IsSuccessStatusCode) return null;
        var result = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        var url = result!["checkoutUrl"]!.GetValue<string>();
        return url[(url.LastIndexOf('/') + 1)..];
    }

    /// <summary>Pays the session at the stand-in without delivering, and returns the <c>checkout.session.completed</c> Stripe would send.</summary>
    public async Task<string> PaidEventAsync(string sessionId)
    {
        await stripe.PayAsync(sessionId, deliver: false);
        var session = await stripe.SessionAsync(sessionId, stripeApiKey);
        return Event("checkout.session.completed", session);
    }

    public async Task<bool> PostWebhookAsync(string body)
    {
        var t = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(webhookSecret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", $"t={t},v1={signature}");
        using var response = await Http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    public async Task<List<JsonObject>> LicencesAsync(BenchUser customer)
    {
        using var request = Request(HttpMethod.Get, "/api/licences", customer);
        using var response = await Http.SendAsync(request);
        await EnsureAsync(response, "list licences");
        var list = await response.Content.ReadFromJsonAsync<JsonObject>(Json);
        return list!["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
    }

    public async Task<bool> PostJsonAsync(string path, object body)
    {
        using var response = await Http.PostAsJsonAsync(path, body);
        await response.Content.ReadAsByteArrayAsync();
        return response.IsSuccessStatusCode;
    }

    public static HttpRequestMessage Request(HttpMethod method, string path, BenchUser? user, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        if (user is not null) request.Headers.TryAddWithoutValidation("Cookie", user.Cookie);
        if (body is not null) request.Content = JsonContent.Create(body, options: Json);
        return request;
    }

    private static string Event(string type, JsonObject dataObject) => new JsonObject
    {
        ["id"] = "evt_bench_" + Guid.NewGuid().ToString("N"),
        ["object"] = "event",
        ["api_version"] = global::Stripe.StripeConfiguration.ApiVersion,
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["livemode"] = false,
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = dataObject },
    }.ToJsonString();

    private static async Task EnsureAsync(HttpResponseMessage response, string what)
    {
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{what}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }
}
