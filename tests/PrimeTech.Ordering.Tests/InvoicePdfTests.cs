using PrimeTech.Billing.Flows;
using System.Net;
using System.Security.Cryptography;
using PrimeTech.BuildingBlocks.Money;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PrimeTech.Ordering.Tests;

[Collection(OrderingCollection.Name)]
public sealed class InvoicePdfTests(OrderingFixture app)
{
    private static BillingDocumentDownloadFlow.Requester As(Guid userId, bool admin = false) =>
        new(userId, admin, "127.0.0.1", "tests");

    [Fact]
    public async Task The_invoice_pdf_is_stored_in_s3_and_downloaded_through_a_fresh_presigned_url()
    {
        var shop = app.Shop;
        var product = await shop.CreateProductAsync(4999, 20m, name: "Prime Backup Pro");
        var customer = Shop.NewCustomer();
        await shop.AddAsync(customer, product.Sku, 2);
        var outcome = await shop.CheckoutAsync(customer);
        var number = outcome.Result.InvoiceNumber;
        var invoice = await shop.InvoiceWithStoredPdfAsync(number);
        var pdf = invoice.Pdfs.Single();

        var link = await BillingDocumentDownloadFlow.RunAsync(shop.Bus, number, As(customer.Id), CancellationToken.None);

        Assert.InRange(link.ExpiresAt - DateTimeOffset.UtcNow, TimeSpan.FromMinutes(4), TimeSpan.FromMinutes(5.1));
        Assert.DoesNotContain(pdf.ObjectKey!, "INV");
        using var http = new HttpClient();
        using var response = await http.GetAsync(link.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("attachment", response.Content.Headers.ContentDisposition?.ToString());
        Assert.Contains($"{number}.pdf", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(pdf.SizeBytes, bytes.LongLength);
        Assert.Equal(pdf.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        using var document = PdfDocument.Open(bytes);
        var text = string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
        Assert.Contains("Invoice", text);
        Assert.Contains("Awaiting payment", text);
        Assert.Contains(number, text);
        Assert.Contains(outcome.Result.OrderNumber, text);
        Assert.Contains("Prime Tech Services Ltd", text);
        Assert.Contains("GB123456789", text);
        Assert.Contains(customer.Email, text);
        Assert.Contains("Prime Backup Pro", text);
        Assert.Contains(product.Sku, text);
        Assert.Contains(Vat.Pounds(4999), text);   // unit price excl. VAT
        Assert.Contains("20%", text);
        Assert.Contains(Vat.Pounds(9998), text);   // net
        Assert.Contains(Vat.Pounds(2000), text);   // VAT (19.996 → 20.00)
        Assert.Contains(Vat.Pounds(11998), text);  // total
        Assert.Contains("All amounts in GBP.", text);
    }

    [Fact]
    public async Task A_full_cart_of_twenty_products_fits_the_invoice_on_as_many_pages_as_it_needs()
    {
        var shop = app.Shop;
        var customer = Shop.NewCustomer();
        var products = new List<Catalogue.AdminProduct>();
        for (var i = 0; i < 20; i++)
        {
            var product = await shop.CreateProductAsync(40_000 + i, name: $"Prime Enterprise Suite with a rather long name, edition {i}");
            products.Add(product);
            await shop.AddAsync(customer, product.Sku, 100);
        }
        var outcome = await shop.CheckoutAsync(customer);
        await shop.InvoiceWithStoredPdfAsync(outcome.Result.InvoiceNumber);

        var link = await BillingDocumentDownloadFlow.RunAsync(shop.Bus, outcome.Result.InvoiceNumber, As(customer.Id), CancellationToken.None);
        using var http = new HttpClient();
        var bytes = await http.GetByteArrayAsync(link.Url);
        using var document = PdfDocument.Open(bytes);
        var text = string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));

        Assert.True(document.NumberOfPages >= 2);
        Assert.All(products, p => Assert.Contains(p.Sku, text));
        var order = (await shop.OrderAsync(outcome.Result.OrderNumber))!;
        Assert.Contains(Vat.Pounds(order.GrossPence), text);
    }

    [Fact]
    public async Task Only_the_owner_or_an_admin_can_download_an_invoice()
    {
        var shop = app.Shop;
        var (_, outcome) = await shop.BuyAsync();
        var number = outcome.Result.InvoiceNumber;
        await shop.InvoiceWithStoredPdfAsync(number);

        var stranger = await Assert.ThrowsAsync<DomainException>(() =>
            BillingDocumentDownloadFlow.RunAsync(shop.Bus, number, As(Guid.NewGuid()), CancellationToken.None));
        Assert.Equal("NOT_FOUND", stranger.Error.Code);

        var unknown = await Assert.ThrowsAsync<DomainException>(() =>
            BillingDocumentDownloadFlow.RunAsync(shop.Bus, "INV-1999-999999", As(Guid.NewGuid(), admin: true), CancellationToken.None));
        Assert.Equal("NOT_FOUND", unknown.Error.Code);

        var admin = await BillingDocumentDownloadFlow.RunAsync(shop.Bus, number.ToLowerInvariant(), As(Guid.NewGuid(), admin: true), CancellationToken.None);
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(admin.Url)).StatusCode);
    }

    [Fact]
    public async Task A_tampered_presigned_url_is_refused_by_s3()
    {
        var shop = app.Shop;
        var (customer, outcome) = await shop.BuyAsync();
        await shop.InvoiceWithStoredPdfAsync(outcome.Result.InvoiceNumber);
        var link = await BillingDocumentDownloadFlow.RunAsync(shop.Bus, outcome.Result.InvoiceNumber, As(customer.Id), CancellationToken.None);

        var tampered = link.Url.Replace("X-Amz-Expires=300", "X-Amz-Expires=3000");
        using var http = new HttpClient();
        Assert.NotEqual(link.Url, tampered);
        Assert.False((await http.GetAsync(tampered)).IsSuccessStatusCode);
    }
}
