using PrimeTech.Ordering.Flows;
using Marten;
using Npgsql;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing;
using PrimeTech.Billing.Invoices;
using PrimeTech.Ordering.Carts;
using PrimeTech.Ordering.Catalogue;
using Wolverine;

namespace PrimeTech.Ordering.Tests;

/// <summary>
/// Drives the shop through the same messages the endpoints and pages send (IMessageBus), with
/// explicit customers, and reads documents back for assertions.
/// </summary>
public sealed class Shop(AppFixture app)
{
    public IMessageBus Bus => app.Host.Services.GetRequiredService<IMessageBus>();

    public static Customer NewCustomer(bool verified = true)
    {
        var id = Guid.NewGuid();
        return new Customer(id, $"{id:N}@example.test", "Ada Lovelace", verified);
    }

    public static string UniqueSku() => "T-" + Guid.NewGuid().ToString("N")[..12].ToUpperInvariant();

    public Task<AdminProduct> CreateProductAsync(
        long unitPriceNetPence = 4999, decimal vatRatePercent = 20m, bool licensed = true, bool active = true, string? name = null,
        string description = "")
    {
        var sku = UniqueSku();
        return Bus.InvokeAsync<AdminProduct>(new CreateProduct(
            sku, sku.ToLowerInvariant(), name ?? $"Product {sku}", "A product made by a test.", description,
            unitPriceNetPence, vatRatePercent, licensed, active));
    }

    public Task<CartView> AddAsync(Customer customer, string sku, int quantity = 1) =>
        Bus.InvokeAsync<CartView>(new AddToCart(customer.Id, sku, quantity));

    public Task<CartView> CartAsync(Customer customer) => Bus.InvokeAsync<CartView>(new GetCart(customer.Id));

    public async Task<CheckoutOutcome> CheckoutAsync(Customer customer, long? revision = null)
    {
        var cartRevision = revision ?? (await CartAsync(customer)).Revision;
        await TestBillingDetails.SaveAsync(Bus, customer.Id);
        return await CheckoutFlow.RunAsync(Bus, customer, cartRevision, CancellationToken.None);
    }

    /// <summary>A verified customer who bought one of a fresh product.</summary>
    public async Task<(Customer Customer, CheckoutOutcome Outcome)> BuyAsync(int quantity = 1, long price = 4999)
    {
        var product = await CreateProductAsync(price);
        var customer = NewCustomer();
        await AddAsync(customer, product.Sku, quantity);
        return (customer, await CheckoutAsync(customer));
    }

    /// <summary>Runs SQL on the app's database (test set-up such as injected failures or seeded counters).</summary>
    public async Task SqlAsync(string sql, params object[] parameters)
    {
        await using var command = app.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        foreach (var parameter in parameters)
            command.Parameters.Add(new NpgsqlParameter { Value = parameter });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<long?> CounterAsync(string series)
    {
        await using var command = app.Host.Services.GetRequiredService<NpgsqlDataSource>()
            .CreateCommand("select value from billing.number_series where name = $1");
        command.Parameters.Add(new NpgsqlParameter { Value = series });
        return await command.ExecuteScalarAsync() as long?;
    }

    public async Task<IReadOnlyList<Invoice>> InvoicesOfYearAsync(int year)
    {
        await using var session = app.Host.Services.GetRequiredService<IBillingStore>().QuerySession();
        var prefix = $"INV-{year}-";
        return await session.Query<Invoice>().Where(i => i.Number.StartsWith(prefix)).ToListAsync();
    }

    public async Task<Order?> OrderAsync(string number)
    {
        await using var session = app.Host.Services.GetRequiredService<IOrderingStore>().QuerySession();
        return await session.Query<Order>().FirstOrDefaultAsync(o => o.Number == number);
    }

    public async Task<IReadOnlyList<Order>> OrdersOfAsync(Guid customerId)
    {
        await using var session = app.Host.Services.GetRequiredService<IOrderingStore>().QuerySession();
        return await session.Query<Order>().Where(o => o.CustomerId == customerId).ToListAsync();
    }

    public async Task<Invoice?> InvoiceAsync(string number)
    {
        await using var session = app.Host.Services.GetRequiredService<IBillingStore>().QuerySession();
        return await session.Query<Invoice>().FirstOrDefaultAsync(i => i.Number == number);
    }

    public async Task<IReadOnlyList<Invoice>> InvoicesForOrderAsync(string orderNumber)
    {
        await using var session = app.Host.Services.GetRequiredService<IBillingStore>().QuerySession();
        return await session.Query<Invoice>().Where(i => i.OrderNumber == orderNumber).ToListAsync();
    }

    /// <summary>Waits until the invoice's PDF revision is recorded as stored.</summary>
    public Task<Invoice> InvoiceWithStoredPdfAsync(string number, int revision = 1) =>
        Eventually.GetAsync(async () =>
            await InvoiceAsync(number) is { } invoice && invoice.Pdfs.Any(p => p.Revision == revision && p.StoredAt is not null)
                ? invoice
                : null, $"PDF revision {revision} of {number} to be stored");
}
