using System.Globalization;

namespace PrimeTech.Ordering.Tests;

/// <summary>
/// INV numbers are gap-free per London year and unique under concurrency. Each test moves the
/// clock to a year of its own, so the series it checks is its alone.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class InvoiceNumberSeriesTests(OrderingFixture app) : IAsyncLifetime
{
    public Task InitializeAsync() => Task.CompletedTask;

    public Task DisposeAsync()
    {
        app.Clock.Reset();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Parallel_checkouts_with_failures_get_consecutive_numbers_with_no_gap_and_no_duplicate()
    {
        const int year = 2031;
        app.Clock.SetUtcNow(new DateTimeOffset(year, 6, 15, 12, 0, 0, TimeSpan.Zero));
        var shop = app.Shop;
        var product = await shop.CreateProductAsync(1999);
        var withdrawn = await shop.CreateProductAsync(2999);

        // A failure after the number is taken: the invoice insert itself fails for marked buyers.
        await InjectInvoiceFailuresForMarkedBuyersAsync(shop);

        var customers = Enumerable.Range(0, 120).Select(i =>
        {
            var customer = Shop.NewCustomer();
            return (Index: i, Customer: i % 10 == 3 ? Marked(customer) : customer);
        }).ToList();
        foreach (var (index, customer) in customers)
            await shop.AddAsync(customer, index % 6 == 1 ? withdrawn.Sku : product.Sku, 1 + index % 3);
        // A failure before any number is taken: a product in some carts goes off sale.
        await shop.Bus.InvokeAsync<Catalogue.AdminProduct>(new Catalogue.SetProductActive(withdrawn.Id, false));

        var results = await Task.WhenAll(customers.Select(async c =>
        {
            try
            {
                return (c.Index, Outcome: await shop.CheckoutAsync(c.Customer), Error: (Exception?)null);
            }
            catch (Exception e)
            {
                return (c.Index, Outcome: (CheckoutOutcome?)null, Error: e);
            }
        }));

        var succeeded = results.Where(r => r.Outcome is not null).ToList();
        var inactive = results.Where(r => r.Error is DomainException { Error.Code: "PRODUCT_INACTIVE" }).ToList();
        var injected = results.Where(r => r.Error?.ToString().Contains("Injected failure") == true).ToList();
        Assert.Equal(120, succeeded.Count + inactive.Count + injected.Count);
        Assert.Equal(20, inactive.Count);
        Assert.NotEmpty(injected);
        Assert.True(succeeded.Count >= 80, $"only {succeeded.Count} checkouts succeeded");

        var issued = await shop.InvoicesOfYearAsync(year);
        var sequence = issued.Select(i => int.Parse(i.Number[^6..], CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(1, succeeded.Count), sequence);
        Assert.Equal(succeeded.Count, await shop.CounterAsync($"INV-{year}"));
        Assert.Equal(
            succeeded.Select(r => r.Outcome!.Result.InvoiceNumber).Order(),
            issued.Select(i => i.Number).Order());
        Assert.All(succeeded, r => Assert.StartsWith($"ORD-{year}0615-", r.Outcome!.Result.OrderNumber));
    }

    [Fact]
    public async Task The_series_starts_again_at_000001_when_the_year_turns_in_London()
    {
        var shop = app.Shop;
        // Seconds before midnight (the clock keeps running while the checkout does its work).
        app.Clock.SetUtcNow(new DateTimeOffset(2032, 12, 31, 23, 59, 50, TimeSpan.Zero));
        var (_, last) = await shop.BuyAsync();
        app.Clock.SetUtcNow(new DateTimeOffset(2033, 1, 1, 0, 0, 1, TimeSpan.Zero));
        var (_, first) = await shop.BuyAsync();
        var (_, second) = await shop.BuyAsync();

        Assert.Equal("INV-2032-000001", last.Result.InvoiceNumber);
        Assert.StartsWith("ORD-20321231-", last.Result.OrderNumber);
        Assert.Equal("INV-2033-000001", first.Result.InvoiceNumber);
        Assert.Equal("INV-2033-000002", second.Result.InvoiceNumber);
        Assert.StartsWith("ORD-20330101-", first.Result.OrderNumber);
    }

    [Fact]
    public async Task Order_dates_and_invoice_years_are_london_dates_not_utc()
    {
        // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
        app.Clock.SetUtcNow(new DateTimeOffset(2035, 6, 30, 23, 30, 0, TimeSpan.Zero));
        var (_, outcome) = await app.Shop.BuyAsync();
        Assert.StartsWith("ORD-20350701-", outcome.Result.OrderNumber);
        Assert.Equal("INV-2035-000001", outcome.Result.InvoiceNumber);
    }

    [Fact]
    public async Task A_series_past_999999_fails_clearly_and_issues_nothing()
    {
        const int year = 2034;
        app.Clock.SetUtcNow(new DateTimeOffset(year, 3, 1, 10, 0, 0, TimeSpan.Zero));
        var shop = app.Shop;
        await shop.SqlAsync("insert into billing.number_series (name, value) values ($1, 999999)", $"INV-{year}");
        // The order stays without an invoice, and Billing's safety net keeps trying to issue it.
        // A marked buyer makes sure those later attempts (made in whatever year the clock is in
        // for other tests) cannot take a number from another test's series.
        await InjectInvoiceFailuresForMarkedBuyersAsync(shop);
        var product = await shop.CreateProductAsync();
        var customer = Marked(Shop.NewCustomer());
        await shop.AddAsync(customer, product.Sku);

        var error = await Assert.ThrowsAsync<DomainException>(() => shop.CheckoutAsync(customer));

        Assert.Equal("SERIES_EXHAUSTED", error.Error.Code);
        Assert.Equal(503, error.Error.Status);
        Assert.Contains("999999", error.Detail);
        Assert.Empty(await shop.InvoicesOfYearAsync(year));
        Assert.Equal(999999, await shop.CounterAsync($"INV-{year}"));
    }

    private static Customer Marked(Customer customer) => customer with { Email = $"{customer.Id:N}+fail@example.test" };

    private static Task InjectInvoiceFailuresForMarkedBuyersAsync(Shop shop) => shop.SqlAsync("""
        create or replace function billing.fail_marked_invoices() returns trigger language plpgsql as $$
        begin
          if new.data->'buyer'->>'email' like '%+fail@%' then
            raise exception 'Injected failure for a test';
          end if;
          return new;
        end $$;
        drop trigger if exists fail_marked_invoices on billing.mt_doc_invoice;
        create trigger fail_marked_invoices before insert on billing.mt_doc_invoice
          for each row execute function billing.fail_marked_invoices();
        """);
}
