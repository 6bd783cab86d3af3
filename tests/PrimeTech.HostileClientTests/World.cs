using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;

namespace PrimeTech.HostileClientTests;

/// <summary>Everything the victim owns, made through the public API as a real customer makes it.</summary>
public sealed record VictimBelongings(
    string PaidOrder,
    string PendingOrder,
    string Invoice,
    string Receipt,
    string CreditNote,
    string LicenceKey,
    string Fingerprint,
    Guid ReleaseId,
    string Booking,
    Guid SessionId);

/// <summary>
/// Two customers: the victim, who has bought a licensed product (paid at the stand-in, then partly
/// refunded, so it has a credit note), has a second
/// order still pending, an activated licence, a booking and a session; and the attacker, who holds
/// an account of their own and knows (or has guessed) every identifier of the victim's.
/// </summary>
public sealed class World
{
    public const string VictimPhone = "01632 960 777";

    public required TestUser Admin { get; init; }
    public required TestUser Victim { get; init; }
    public required TestUser Attacker { get; init; }
    public required VictimBelongings Owned { get; init; }

    /// <summary>Text that must never appear in an answer to the attacker: the victim's personal data.</summary>
    public IReadOnlyList<string> VictimSecrets => [Victim.Email, Victim.Name, VictimPhone, Owned.Fingerprint];

    public static async Task<World> BuildAsync(HostileFixture app)
    {
        var admin = await app.SignInAdminAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        var victim = await app.CreateCustomerAsync(name: $"Victoria Vance {tag}");
        var attacker = await app.CreateCustomerAsync(name: $"Mallory Marsh {tag}");

        using var asAdmin = app.ClientFor(admin);
        var product = await ReadAsync(await asAdmin.PostAsJsonAsync("/api/admin/products", new
        {
            sku = "HX-" + tag.ToUpperInvariant(), slug = "hx-" + tag, name = $"Hostile Suite {tag}", summary = "Bought by the victim.",
            descriptionMarkdown = "", unitPriceNetPence = 2500, vatRatePercent = 20m, isLicensed = true, isActive = true,
        }), HttpStatusCode.Created);
        var productId = product.GetProperty("id").GetGuid();
        var releaseId = await PublishReleaseAsync(asAdmin, productId);

        using var asVictim = app.ClientFor(victim);
        var paid = await CheckoutAsync(asVictim, product.GetProperty("sku").GetString()!);
        await app.Stripe.PayAsync(paid.GetProperty("checkoutUrl").GetString()!.Split('/')[^1]);
        var paidOrder = paid.GetProperty("orderNumber").GetString()!;
        var receipt = await Eventually.GetAsync(async () =>
        {
            var order = await ReadAsync(await asVictim.GetAsync($"/api/orders/{paidOrder}"), HttpStatusCode.OK);
            return order.GetProperty("receiptNumber").GetString();
        }, $"the receipt of {paidOrder}", TimeSpan.FromSeconds(60));
        await ReadAsync(await asAdmin.PostAsJsonAsync($"/api/admin/orders/{paidOrder}/refund", new { reason = "Goodwill", amountPence = 100 }),
            HttpStatusCode.Accepted);
        var creditNote = await Eventually.GetAsync(async () =>
        {
            var order = await ReadAsync(await asVictim.GetAsync($"/api/orders/{paidOrder}"), HttpStatusCode.OK);
            return order.GetProperty("creditNotes").EnumerateArray().Select(c => c.GetProperty("number").GetString()).FirstOrDefault();
        }, $"the credit note of {paidOrder}", TimeSpan.FromSeconds(60));
        var pending = await CheckoutAsync(asVictim, product.GetProperty("sku").GetString()!);

        var licenceKey = await Eventually.GetAsync(async () =>
        {
            var licences = await ReadAsync(await asVictim.GetAsync("/api/licences"), HttpStatusCode.OK);
            return licences.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("licenceKey").GetString()).FirstOrDefault();
        }, "the victim's licence", TimeSpan.FromSeconds(60));
        var fingerprint = "victim-machine-" + tag;
        using var software = app.Host.Server.CreateClient();
        await ReadAsync(await software.PostAsJsonAsync("/api/licences/activate",
            new { licenceKey, fingerprint, machineName = "Victim's PC" }), HttpStatusCode.OK);

        var booking = await BookAsync(app, asVictim, victim);
        var sessions = await ReadAsync(await asVictim.GetAsync("/api/auth/sessions"), HttpStatusCode.OK);
        var sessionId = sessions.GetProperty("items").EnumerateArray().Single(s => s.GetProperty("current").GetBoolean()).GetProperty("id").GetGuid();

        return new World
        {
            Admin = admin,
            Victim = victim,
            Attacker = attacker,
            Owned = new VictimBelongings(paidOrder, pending.GetProperty("orderNumber").GetString()!, paid.GetProperty("invoiceNumber").GetString()!,
                receipt, creditNote, licenceKey, fingerprint, releaseId, booking, sessionId),
        };
    }

    private static async Task<JsonElement> CheckoutAsync(HttpClient customer, string sku)
    {
        var cart = await ReadAsync(await customer.PostAsJsonAsync("/api/cart/items", new { sku, quantity = 1 }), HttpStatusCode.OK);
        await TestBillingDetails.PutAsync(customer);
        return await ReadAsync(await customer.PostAsJsonAsync("/api/orders/checkout", new { cartRevision = cart.GetProperty("revision").GetInt64() }),
            HttpStatusCode.Created);
    }

    private static async Task<Guid> PublishReleaseAsync(HttpClient admin, Guid productId)
    {
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent("1.0.0"), "version");
        form.Add(new StringContent("First release."), "notes");
        var file = new ByteArrayContent(RandomNumberGenerator.GetBytes(4096));
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/zip");
        form.Add(file, "file", "setup.zip");
        var release = await ReadAsync(await admin.PostAsync($"/api/admin/products/{productId}/releases", form), HttpStatusCode.Created);
        var releaseId = release.GetProperty("releaseId").GetGuid();
        await ReadAsync(await admin.PostAsync($"/api/admin/releases/{releaseId}/publish", null), HttpStatusCode.OK);
        return releaseId;
    }

    /// <summary>The victim books the first free slot of the seeded remote-support service, signed in.</summary>
    private static async Task<string> BookAsync(AppFixture app, HttpClient victim, TestUser owner)
    {
        for (var day = DateOnly.FromDateTime(app.Clock.GetUtcNow().UtcDateTime).AddDays(1); ; day = day.AddDays(1))
        {
            var availability = await ReadAsync(await victim.GetAsync($"/api/bookings/availability?service=remote-support&date={day:yyyy-MM-dd}"),
                HttpStatusCode.OK);
            var slot = availability.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetString()).FirstOrDefault();
            if (slot is null) continue;
            var booked = await ReadAsync(await victim.PostAsJsonAsync("/api/bookings", new
            {
                serviceSlug = "remote-support", start = slot, name = owner.Name, email = owner.Email, phone = VictimPhone,
                notes = "My laptop will not start.",
            }), HttpStatusCode.Created);
            return booked.GetProperty("reference").GetString()!;
        }
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != expected)
                throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {text}");
            return text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone();
        }
    }
}
