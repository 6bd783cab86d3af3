using System.Net;
using System.Security.Cryptography;
using PrimeTech.Storage.Contracts;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;
using System.Globalization;

namespace PrimeTech.Billing.Tests;

/// <summary>
/// On confirmation: a gap-free RCP number, the receipt PDF in S3 (card from Stripe), downloadable
/// by its owner and admins only, the invoice marked Paid with a new PDF, and the receipt emailed.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed class ReceiptTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task The_receipt_PDF_is_stored_with_the_card_and_downloadable_by_its_owner_and_admins_only()
    {
        var owner = await app.CreateCustomerAsync(name: "Grace Hopper");
        var purchase = await Payments.CheckoutAsync(unitPriceNetPence: 2499, quantity: 2, customer: Payments.CustomerOf(owner));
        var receipt = await Payments.PayAsync(purchase);
        Assert.Equal(5998, receipt.AmountPence);   // 2 × £24.99 + 20 % VAT (£10.00, half-up per line)

        var stored = await Eventually.GetAsync(async () => await Payments.ReceiptAsync(purchase.OrderNumber) is { Pdf.StoredAt: not null } r ? r : null,
            "the receipt PDF to be stored", TimeSpan.FromSeconds(30));
        Assert.Equal(("visa", "4242"), (stored.CardBrand, stored.CardLast4));

        var link = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Get.Url($"/api/receipts/{receipt.Number.ToLowerInvariant()}/download");
            s.StatusCodeShouldBeOk();
            s.Header("Cache-Control").ShouldHaveValues("no-store");
        })).ReadAsJsonAsync<DownloadLink>();
        using var response = await Payments.Client.GetAsync(link!.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains($"{receipt.Number}.pdf", response.Content.Headers.ContentDisposition?.ToString());
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(stored.Pdf.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));

        using var document = PdfDocument.Open(bytes);
        var text = string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
        Assert.Contains("Receipt", text);
        Assert.Contains(receipt.Number, text);
        Assert.Contains(purchase.InvoiceNumber, text);
        Assert.Contains(purchase.OrderNumber, text);
        Assert.Contains("Visa ending 4242", text);
        Assert.Contains("Amount paid", text);
        Assert.Contains("£59.98", text);
        // Made out to the billing details snapshotted at checkout, not the account's name.
        Assert.Contains(TestBillingDetails.Business.Name!, text);
        Assert.Contains(TestBillingDetails.Business.VatNumber!, text);
        Assert.DoesNotContain("Grace Hopper", text);
        Assert.Contains("GB123456789", text);   // the seller's VAT number

        var stranger = await app.CreateCustomerAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(stranger).Get.Url($"/api/receipts/{receipt.Number}/download");
            s.StatusCodeShouldBe(404);
        });
        var admin = await app.SignInAdminAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/receipts/{receipt.Number}/download");
            s.StatusCodeShouldBeOk();
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Get.Url($"/api/receipts/{purchase.InvoiceNumber}/download");
            s.StatusCodeShouldBe(404);
        });
        await app.Host.Scenario(s =>
        {
            s.Get.Url($"/api/receipts/{receipt.Number}/download");
            s.StatusCodeShouldBe(401);
        });

        // The pages: the order shows the receipt; its link redirects to a fresh presigned URL.
        var visitor = PageVisitor.For(app, owner);
        var orderPage = await visitor.GetAsync($"/account/orders/{purchase.OrderNumber}");
        Assert.Contains(receipt.Number, orderPage.Html);
        Assert.Contains("Download receipt (PDF)", orderPage.Html);
        Assert.StartsWith("http", (await visitor.GetAsync($"/account/orders/{purchase.OrderNumber}/receipt", 302)).Location);
        await PageVisitor.For(app, stranger).GetAsync($"/account/orders/{purchase.OrderNumber}/receipt", 404);
        Assert.StartsWith("http", (await PageVisitor.For(app, admin).GetAsync($"/admin/orders/{purchase.OrderNumber}/receipt", 302)).Location);
    }

    [Fact]
    public async Task The_customer_is_emailed_the_receipt_with_its_PDF_attached()
    {
        var purchase = await Payments.CheckoutAsync();
        var receipt = await Payments.PayAsync(purchase);

        var email = await app.Mail.WaitForAsync(purchase.Customer.Email, m => m.Subject == $"Receipt {receipt.Number} for order {purchase.OrderNumber}");

        Assert.Contains($"{app.SiteUrl}/account/orders/{purchase.OrderNumber}", email.Text);
        Assert.Contains("£59.99", email.Text);
        Assert.Contains("£59.99", email.Html);
        var attachment = Assert.Single(email.Attachments ?? []);
        Assert.Equal($"{receipt.Number}.pdf", attachment.FileName);
        var text = await app.Mail.PdfAttachmentTextAsync(email, $"{receipt.Number}.pdf");
        Assert.Contains("Receipt", text);
        Assert.Contains(receipt.Number, text);
        Assert.Contains(purchase.OrderNumber, text);
    }

    [Fact]
    public async Task The_invoice_is_emailed_at_checkout_with_its_PDF_attached_and_only_once()
    {
        var purchase = await Payments.CheckoutAsync();
        var subject = $"Invoice {purchase.InvoiceNumber} for order {purchase.OrderNumber}";

        var email = await app.Mail.WaitForAsync(purchase.Customer.Email, m => m.Subject == subject);

        Assert.Contains($"{app.SiteUrl}/account/orders/{purchase.OrderNumber}", email.Text);
        Assert.Contains("£59.99", email.Html);
        var attachment = Assert.Single(email.Attachments ?? []);
        Assert.Equal("application/pdf", attachment.ContentType);
        var text = await app.Mail.PdfAttachmentTextAsync(email, $"{purchase.InvoiceNumber}.pdf");
        Assert.Contains("Invoice", text);
        Assert.Contains("Awaiting payment", text);
        Assert.Contains(purchase.InvoiceNumber, text);

        // Paying renders a second revision of the invoice; that one is not emailed (the receipt is).
        var receipt = await Payments.PayAsync(purchase);
        await app.Mail.WaitForAsync(purchase.Customer.Email, m => m.Subject.StartsWith($"Receipt {receipt.Number}", StringComparison.Ordinal));
        await Eventually.GetAsync(async () =>
            await Payments.InvoiceAsync(purchase.InvoiceNumber) is var i && i.Pdfs.Any(p => p.Revision == 2 && p.StoredAt is not null) ? i : null,
            "the Paid invoice PDF to be stored", TimeSpan.FromSeconds(30));
        Assert.Single(await app.Mail.ForAsync(purchase.Customer.Email), m => m.Subject == subject);
    }

    [Fact]
    public async Task The_invoice_becomes_Paid_and_gets_a_PDF_revision_that_says_so()
    {
        var purchase = await Payments.CheckoutAsync();
        var receipt = await Payments.PayAsync(purchase);

        var invoice = await Eventually.GetAsync(async () =>
            await Payments.InvoiceAsync(purchase.InvoiceNumber) is var i && i.Pdfs.Any(p => p.Revision == 2 && p.StoredAt is not null) ? i : null,
            "the Paid invoice PDF to be stored", TimeSpan.FromSeconds(30));
        Assert.Equal(InvoiceStatus.Paid, invoice.Status);
        Assert.Equal(receipt.PaidAt, invoice.PaidAt);
        Assert.Equal(InvoiceStatus.Paid, invoice.Pdfs.Single(p => p.Revision == 2).StatusShown);
    }

    [Fact]
    public async Task Receipt_numbers_are_consecutive()
    {
        var first = await Payments.PayAsync(await Payments.CheckoutAsync());
        var second = await Payments.PayAsync(await Payments.CheckoutAsync());

        Assert.Equal(first.Number[..9], second.Number[..9]);
        Assert.Equal(long.Parse(first.Number[9..], CultureInfo.InvariantCulture) + 1, long.Parse(second.Number[9..], CultureInfo.InvariantCulture));
        Assert.Equal(long.Parse(second.Number[9..], CultureInfo.InvariantCulture), await Payments.CounterAsync(Payments.ReceiptSeries));
    }

    [Fact]
    public async Task Revenue_figures_count_receipts_by_London_day()
    {
        var today = BuildingBlocks.Time.London.Today(app.Clock);
        var before = (await Payments.Bus.InvokeAsync<Contracts.RevenueFigures>(new Contracts.GetRevenueFigures(today.AddDays(-29), today))).Days;
        await Payments.PayAsync(await Payments.CheckoutAsync());

        var after = (await Payments.Bus.InvokeAsync<Contracts.RevenueFigures>(new Contracts.GetRevenueFigures(today.AddDays(-29), today))).Days;

        Assert.Equal(30, after.Count);
        Assert.Equal(today, after[^1].Day);
        Assert.True(after[^1].Receipts >= before[^1].Receipts + 1);
        Assert.True(after[^1].GrossPence >= before[^1].GrossPence + 5999);
    }
}
