using PrimeTech.Ordering.Flows;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Marten;
using PrimeTech.Ordering;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using PrimeTech.Ordering.Orders;
using Wolverine;
using Wolverine.Tracking;

namespace PrimeTech.Audit.Tests;

/// <summary>An entry as <c>GET /api/admin/audit</c> answers it.</summary>
public sealed record Entry(
    Guid Id, DateTimeOffset At, Guid? ActorId, string? ActorEmail, string? IpAddress,
    string Action, string? Target, string Outcome, int Status, string? Reason);

public sealed record EntryPage(List<Entry> Items, int Page, int PageSize, int TotalCount);

/// <summary>Reads the trail through the admin API and makes what the tests audit: paid orders, licences, requests from a given address.</summary>
public static class AuditTrail
{
    public static async Task<EntryPage> ListAsync(this AppFixture app, TestUser admin, string query)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/audit?" + query);
            s.StatusCodeShouldBeOk();
        });
        return (await result.ReadAsJsonAsync<EntryPage>())!;
    }

    /// <summary>
    /// Every entry with this target (at most 100: a test's own target has a handful), once there are at
    /// least <paramref name="atLeast"/>: an admin action's entry is appended after its answer is written,
    /// so a client can read the trail a moment before the entry is there.
    /// </summary>
    public static Task<List<Entry>> EntriesForAsync(this AppFixture app, TestUser admin, string target, int atLeast = 1) =>
        Eventually.GetAsync(async () =>
        {
            var entries = (await app.ListAsync(admin, "pageSize=100&target=" + Uri.EscapeDataString(target))).Items;
            return entries.Count >= atLeast ? entries : null;
        }, $"{atLeast} audit entries for {target}", TimeSpan.FromSeconds(15));

    /// <summary>The request comes from <paramref name="address"/>, optionally naming a client in X-Forwarded-For.</summary>
    public static Scenario From(this Scenario s, string address, string? forwardedFor = null)
    {
        s.ConfigureHttpContext(http => http.Connection.RemoteIpAddress = IPAddress.Parse(address));
        if (forwardedFor is not null) s.WithRequestHeader("X-Forwarded-For", forwardedFor);
        return s;
    }

    /// <summary>Runs a request and waits until every message it caused (the security event) has been handled.</summary>
    public static async Task<IScenarioResult> ScenarioAndWaitAsync(this AppFixture app, Action<Scenario> configure)
    {
        IScenarioResult? result = null;
        await app.Host.TrackActivity()
            .Timeout(TimeSpan.FromSeconds(60))
            .DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(async _ => result = await app.Host.Scenario(configure)));
        return result!;
    }

    /// <summary>A licensed product bought by a new customer and paid through the Stripe stand-in: the order number and the customer's email.</summary>
    public static async Task<(string OrderNumber, string CustomerEmail)> PaidOrderAsync(this AppFixture app)
    {
        var bus = app.Host.Services.GetRequiredService<IMessageBus>();
        var customer = new Customer(Guid.NewGuid(), Accounts.NewEmail("buyer"), "Ada Lovelace", true);
        var sku = "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();
        await bus.InvokeAsync<AdminProduct>(new CreateProduct(
            sku, sku.ToLowerInvariant(), $"Product {sku}", "A product made by a test.", "", 4999, 20m, true, true));
        var cart = await bus.InvokeAsync<CartView>(new AddToCart(customer.Id, sku, 1));
        await TestBillingDetails.SaveAsync(bus, customer.Id);
        var checkout = (await CheckoutFlow.RunAsync(bus, customer, cart.Revision, CancellationToken.None)).Result;
        await app.Stripe.PayAsync(checkout.CheckoutUrl[(checkout.CheckoutUrl.LastIndexOf('/') + 1)..]);
        await Eventually.TrueAsync(async () =>
        {
            await using var session = app.Host.Services.GetRequiredService<IOrderingStore>().QuerySession();
            return await session.Query<Order>().AnyAsync(o => o.Number == checkout.OrderNumber && o.Status == OrderStatus.Paid);
        }, $"order {checkout.OrderNumber} to be paid", TimeSpan.FromSeconds(30));
        return (checkout.OrderNumber, customer.Email);
    }

    /// <summary>The licence key granted for a paid order, as the admin licence search finds it.</summary>
    public static async Task<string> LicenceKeyAsync(this AppFixture app, TestUser admin, string customerEmail) =>
        await Eventually.GetAsync(async () =>
        {
            var result = await app.Host.Scenario(s =>
            {
                s.SignedInAs(admin).Get.Url("/api/admin/licences?q=" + Uri.EscapeDataString(customerEmail));
                s.StatusCodeShouldBeOk();
            });
            var items = (await result.ReadAsJsonAsync<JsonElement>()).GetProperty("items");
            return items.GetArrayLength() == 1 ? items[0].GetProperty("licenceKey").GetString() : null;
        }, $"the licence of {customerEmail}", TimeSpan.FromSeconds(30));

    public static Dictionary<string, string> Form(params (string Key, string Value)[] fields) => fields.ToDictionary(f => f.Key, f => f.Value);

    public static int StatusOf(IScenarioResult result) => result.Context.Response.StatusCode;

    public static bool IsSuccess(int status) => status < StatusCodes.Status400BadRequest;
}
