using PrimeTech.Ordering.Flows;

using System.Security.Cryptography;
using System.Text;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrimeTech.Billing.Buyers;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Ordering;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using Wolverine;

namespace PrimeTech.Billing.Tests;

/// <summary>An order checked out for a test: its customer and where Stripe (the stand-in) takes the payment.</summary>
public sealed record Purchase(Customer Customer, CheckoutResult Checkout, long GrossPence)
{
    public string OrderNumber => Checkout.OrderNumber;
    public string InvoiceNumber => Checkout.InvoiceNumber;
    public string SessionId => Checkout.CheckoutUrl[(Checkout.CheckoutUrl.LastIndexOf('/') + 1)..];
}

/// <summary>
/// Drives purchases through the same messages the endpoints and pages send, pays them through the
/// stand-in, posts webhooks to the app on Kestrel, and reads Billing's and Ordering's documents back.
/// </summary>
public sealed class Payments(PaymentsFixture app)
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };

    public IMessageBus Bus => app.Host.Services.GetRequiredService<IMessageBus>();
    public StripeStandInClient Stripe => app.Stripe;

    public static Customer NewCustomer()
    {
        var id = Guid.NewGuid();
        return new Customer(id, $"{id:N}@example.test", "Ada Lovelace", true);
    }

    public static Customer CustomerOf(TestUser user) => new(user.Id, user.Email, user.Name, true);

    /// <summary>A fresh product (so prices are the test's own), added to the customer's cart and checked out with <paramref name="details"/> (by default <see cref="TestBillingDetails.Business"/>) saved first.</summary>
    public async Task<Purchase> CheckoutAsync(
        long unitPriceNetPence = 4999, int quantity = 1, Customer? customer = null, bool licensed = true, BillingDetailsRequest? details = null)
    {
        customer ??= NewCustomer();
        var sku = "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await Bus.InvokeAsync<AdminProduct>(new CreateProduct(
            sku, sku.ToLowerInvariant(), $"Product {sku}", "A product made by a test.", "", unitPriceNetPence, 20m, licensed, true));
        var cart = await Bus.InvokeAsync<CartView>(new AddToCart(customer.Id, sku, quantity));
        await TestBillingDetails.SaveAsync(Bus, customer.Id, details);
        var outcome = await CheckoutFlow.RunAsync(Bus, customer, cart.Revision, CancellationToken.None);
        return new Purchase(customer, outcome.Result, cart.GrossPence);
    }

    /// <summary>Pays on the stand-in (as the hosted page's Pay button does) and waits for the receipt.</summary>
    public async Task<Receipt> PayAsync(Purchase purchase)
    {
        await Stripe.PayAsync(purchase.SessionId);
        return await ReceiptEventuallyAsync(purchase.OrderNumber);
    }

    public Task<Receipt> ReceiptEventuallyAsync(string orderNumber) =>
        Eventually.GetAsync(() => ReceiptAsync(orderNumber), $"the receipt of {orderNumber}", TimeSpan.FromSeconds(30));

    public Task<Order> OrderEventuallyAsync(string orderNumber, OrderStatus status) =>
        Eventually.GetAsync(async () => await OrderAsync(orderNumber) is { } o && o.Status == status ? o : null,
            $"order {orderNumber} to be {status}", TimeSpan.FromSeconds(30));

    public Task<StripeWebhookEvent> EventEventuallyAsync(string eventId, Func<StripeWebhookEvent, bool>? match = null) =>
        Eventually.GetAsync(async () => await EventAsync(eventId) is { } e && (match?.Invoke(e) ?? true) ? e : null,
            $"Stripe event {eventId} to be recorded", TimeSpan.FromSeconds(30));

    public async Task<Invoice> InvoiceAsync(string number)
    {
        await using var session = BillingStore.QuerySession();
        return await session.Query<Invoice>().SingleAsync(i => i.Number == number);
    }

    public async Task<Receipt?> ReceiptAsync(string orderNumber) => (await ReceiptsAsync(orderNumber)).SingleOrDefault();

    public async Task<IReadOnlyList<Receipt>> ReceiptsAsync(string orderNumber)
    {
        await using var session = BillingStore.QuerySession();
        return await session.Query<Receipt>().Where(r => r.OrderNumber == orderNumber).ToListAsync();
    }

    public async Task<Refund?> RefundAsync(string orderNumber)
    {
        await using var session = BillingStore.QuerySession();
        return await session.Query<Refund>().SingleOrDefaultAsync(r => r.OrderNumber == orderNumber);
    }

    public async Task<StripeWebhookEvent?> EventAsync(string eventId)
    {
        await using var session = BillingStore.QuerySession();
        return await session.LoadAsync<StripeWebhookEvent>(eventId);
    }

    public async Task<CheckoutSessionRecord?> SessionRecordAsync(string sessionId)
    {
        await using var session = BillingStore.QuerySession();
        return await session.LoadAsync<CheckoutSessionRecord>(sessionId);
    }

    public async Task<IReadOnlyList<CheckoutSessionRecord>> SessionRecordsAsync(string invoiceNumber)
    {
        await using var session = BillingStore.QuerySession();
        return await session.Query<CheckoutSessionRecord>().Where(s => s.InvoiceNumber == invoiceNumber).ToListAsync();
    }

    public async Task<Order?> OrderAsync(string number)
    {
        await using var session = app.Host.Services.GetRequiredService<IOrderingStore>().QuerySession();
        return await session.Query<Order>().SingleOrDefaultAsync(o => o.Number == number);
    }

    /// <summary>This year's (London) receipt series name, e.g. <c>RCP-2026</c>.</summary>
    public string ReceiptSeries => YearlySeries.SeriesName(Receipt.NumberPrefix, London.Today(app.Clock).Year);

    public async Task<long?> CounterAsync(string series)
    {
        await using var command = DataSource.CreateCommand("select value from billing.number_series where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = series });
        return await command.ExecuteScalarAsync() as long?;
    }

    /// <summary>Sets a counter (null removes its row, as if no number had been issued this year).</summary>
    public async Task SetCounterAsync(string series, long? value)
    {
        await using var command = value is null
            ? DataSource.CreateCommand("delete from billing.number_series where name = $1")
            : DataSource.CreateCommand(
                "insert into billing.number_series (name, value) values ($1, $2) on conflict (name) do update set value = excluded.value");
        command.Parameters.Add(new NpgsqlParameter { Value = series });
        if (value is not null) command.Parameters.Add(new NpgsqlParameter { Value = value.Value });
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Posts a body to the webhook on Kestrel, signed with the endpoint secret unless a header is given.</summary>
    public async Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature = null, bool sign = true)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, app.SiteUrl + "/api/webhooks/stripe")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        signature ??= sign ? Signature(body, DateTimeOffset.UtcNow.ToUnixTimeSeconds()) : null;
        if (signature is not null) request.Headers.TryAddWithoutValidation("Stripe-Signature", signature);
        return await Http.SendAsync(request);
    }

    /// <summary><c>t={t},v1={hex HMAC-SHA256(secret, "{t}.{body}")}</c>, exactly as Stripe signs.</summary>
    public string Signature(string body, long timestamp, string? secret = null) =>
        $"t={timestamp},v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(
            Encoding.UTF8.GetBytes(secret ?? app.StripeWebhookSecret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public HttpClient Client => Http;

    private IBillingStore BillingStore => app.Host.Services.GetRequiredService<IBillingStore>();
    private NpgsqlDataSource DataSource => app.Host.Services.GetRequiredService<NpgsqlDataSource>();
}

