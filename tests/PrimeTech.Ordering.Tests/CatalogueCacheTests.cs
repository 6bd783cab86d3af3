using Npgsql;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Ordering.Tests;

/// <summary>
/// The public catalogue comes from the output cache (D-147): anonymous <c>GET /products</c> and
/// <c>GET /api/products</c> are answered from it (with an <c>Age</c> header) until a product changes.
/// </summary>
[Collection(OrderingCollection.Name)]
public sealed class CatalogueCacheTests(OrderingFixture app)
{
    private static readonly TimeSpan NotificationWait = TimeSpan.FromSeconds(10);

    [Theory]
    [InlineData("/products")]
    [InlineData("/api/products")]
    public async Task A_product_change_made_here_shows_at_once(string url)
    {
        var product = await app.Shop.CreateProductAsync();
        var visitor = PageVisitor.For(app);
        await visitor.GetAsync(url);
        var cached = await visitor.GetAsync(url);
        Assert.True(cached.Result.Context.Response.Headers.ContainsKey("Age"), "the second anonymous request is answered from the cache");
        Assert.Contains(product.Name, cached.Html);

        var renamed = "Renamed " + product.Sku;
        await app.Shop.Bus.InvokeAsync<AdminProduct>(Edit(product, renamed));

        var after = await visitor.GetAsync(url);
        Assert.False(after.Result.Context.Response.Headers.ContainsKey("Age"));
        Assert.Contains(renamed, after.Html);
        Assert.DoesNotContain(product.Name, after.Html);
    }

    [Fact]
    public async Task A_change_committed_by_another_instance_reaches_this_one_through_the_notification()
    {
        var product = await app.Shop.CreateProductAsync();
        var visitor = PageVisitor.For(app);
        await visitor.GetAsync("/api/products");
        Assert.Contains(product.Name, (await visitor.GetAsync("/api/products")).Html);

        // What another instance's transaction does: the row changes and the channel is notified on commit.
        var renamed = "Elsewhere " + product.Sku;
        await using (var connection = new NpgsqlConnection(app.Settings["ConnectionStrings:Postgres"]))
        {
            await connection.OpenAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await using var update = new NpgsqlCommand(
                "update ordering.mt_doc_product set data = jsonb_set(data, '{name}', to_jsonb($1::text)) where id = $2", connection, transaction);
            update.Parameters.AddWithValue(renamed);
            update.Parameters.AddWithValue(product.Id);
            Assert.Equal(1, await update.ExecuteNonQueryAsync());
            await using var notify = new NpgsqlCommand($"notify {CatalogueCache.Channel}", connection, transaction);
            await notify.ExecuteNonQueryAsync();
            Assert.Contains(product.Name, (await visitor.GetAsync("/api/products")).Html); // not committed yet
            await transaction.CommitAsync();
        }

        await Eventually.TrueAsync(async () => (await visitor.GetAsync("/api/products")).Html.Contains(renamed),
            "the renamed product in the cached catalogue", NotificationWait);
    }

    [Fact]
    public async Task A_transaction_that_writes_a_product_notifies_the_other_instances_and_one_that_does_not_stays_quiet()
    {
        var product = await app.Shop.CreateProductAsync();
        await using var listener = new NpgsqlConnection(app.Settings["ConnectionStrings:Postgres"]);
        await listener.OpenAsync();
        var notifications = 0;
        listener.Notification += (_, e) => { if (e.Channel == CatalogueCache.Channel) Interlocked.Increment(ref notifications); };
        await using (var listen = new NpgsqlCommand($"listen {CatalogueCache.Channel}", listener))
            await listen.ExecuteNonQueryAsync();

        var customer = Shop.NewCustomer();
        await app.Shop.AddAsync(customer, product.Sku);
        await listener.WaitAsync(TimeSpan.FromMilliseconds(500));
        Assert.Equal(0, notifications);

        await app.Shop.Bus.InvokeAsync<AdminProduct>(new SetProductActive(product.Id, false));
        Assert.True(await listener.WaitAsync(NotificationWait), "a notification arrives");
        Assert.Equal(1, notifications);
    }

    [Fact]
    public async Task Signed_in_callers_and_requests_with_a_query_string_are_answered_fresh()
    {
        var customer = PageVisitor.For(app, await app.CreateCustomerAsync());
        var anonymous = PageVisitor.For(app);
        foreach (var (visitor, url) in new[] { (customer, "/products"), (customer, "/api/products"), (anonymous, "/products?page=2"), (anonymous, "/api/products?x=1") })
        {
            await visitor.GetAsync(url);
            var again = await visitor.GetAsync(url);
            Assert.False(again.Result.Context.Response.Headers.ContainsKey("Age"), url);
        }
    }

    private static UpdateProduct Edit(AdminProduct product, string name) => new(
        product.Id, product.Slug, name, product.Summary, product.DescriptionMarkdown, product.UnitPriceNetPence, product.VatRatePercent,
        product.IsLicensed, product.IsActive);
}
