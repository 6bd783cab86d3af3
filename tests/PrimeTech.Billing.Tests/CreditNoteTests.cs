using System.Net;
using System.Security.Cryptography;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.Licensing;
using PrimeTech.Licensing.Licences;
using PrimeTech.Storage.Contracts;
using UglyToad.PdfPig;
using UglyToad.PdfPig.DocumentLayoutAnalysis.TextExtractor;

namespace PrimeTech.Billing.Tests;

/// <summary>Partial refunds through Stripe and the credit note each refund issues (CRN series, PDF in S3, email, downloads).</summary>
[Collection(PaymentsCollection.Name)]
public sealed class CreditNoteTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task Refund_by_amount_then_by_line_then_the_rest_issues_three_credit_notes_and_revokes_only_the_licences_chosen()
    {
        var owner = await app.CreateCustomerAsync(name: "Katherine Johnson");
        var purchase = await Payments.CheckoutAsync(unitPriceNetPence: 1000, quantity: 3, customer: Payments.CustomerOf(owner));
        var receipt = await Payments.PayAsync(purchase);
        Assert.Equal(3600, receipt.AmountPence);
        var licences = await Eventually.GetAsync(async () => await LicencesAsync(purchase.OrderNumber) is { Count: 3 } l ? l : null,
            "the order's three licences", TimeSpan.FromSeconds(30));
        var admin = await app.SignInAdminAsync();

        var byAmount = await RefundAsync(admin, purchase.OrderNumber, new { reason = "Goodwill", amountPence = 600 });
        // Stripe's charge.refunded may complete the refund before the answer is written (RequestRefundHandler).
        Assert.Contains(byAmount.GetProperty("status").GetString(), new[] { "Pending", "Completed" });
        Assert.Equal(("Amount", 600L, 3000L), (byAmount.GetProperty("kind").GetString(),
            byAmount.GetProperty("amountPence").GetInt64(), byAmount.GetProperty("refundablePence").GetInt64()));
        var first = await CreditNotesEventuallyAsync(purchase.OrderNumber, 1);
        Assert.Equal((500L, 100L, 600L), (first[0].NetPence, first[0].VatPence, first[0].GrossPence));
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.PartiallyRefunded);

        var chosen = licences[1].Key;
        await RefundAsync(admin, purchase.OrderNumber, new { lines = new[] { new { sku = licences[1].ProductSku, quantity = 1, licenceKeys = new[] { chosen.ToLowerInvariant() } } } });
        var second = (await CreditNotesEventuallyAsync(purchase.OrderNumber, 2))[1];
        Assert.Equal((1000L, 200L, 1200L, 1), (second.NetPence, second.VatPence, second.GrossPence, second.Lines.Single().Quantity!.Value));
        await Eventually.GetAsync(async () => await LicencesAsync(purchase.OrderNumber) is var l && l.Single(x => x.Key == chosen).IsRevoked ? l : null,
            "the chosen licence to be revoked", TimeSpan.FromSeconds(30));
        Assert.Equal(2, (await LicencesAsync(purchase.OrderNumber)).Count(l => !l.IsRevoked));
        Assert.Equal(OrderStatus.PartiallyRefunded, (await Payments.OrderAsync(purchase.OrderNumber))!.Status);

        await RefundAsync(admin, purchase.OrderNumber, null);
        var all = await CreditNotesEventuallyAsync(purchase.OrderNumber, 3);
        Assert.Equal(1800L, all[2].GrossPence);
        Assert.Equal(receipt.AmountPence, all.Sum(c => c.GrossPence));
        Assert.All(all, c => Assert.Equal(c.GrossPence, c.NetPence + c.VatPence));
        var order = await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Refunded);
        Assert.Equal([OrderStatus.PendingPayment, OrderStatus.Paid, OrderStatus.PartiallyRefunded, OrderStatus.Refunded], order.History.Select(h => h.To));
        await Eventually.GetAsync(async () => await LicencesAsync(purchase.OrderNumber) is var l && l.All(x => x.IsRevoked) ? l : null,
            "every licence to be revoked", TimeSpan.FromSeconds(30));

        // The order's JSON lists the credit notes, oldest first.
        await Eventually.GetAsync(async () => await Payments.OrderAsync(purchase.OrderNumber) is { CreditNotes.Count: 3 } o ? o : null,
            "the order to list three credit notes", TimeSpan.FromSeconds(30));
        var detail = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Get.Url($"/api/orders/{purchase.OrderNumber}");
            s.StatusCodeShouldBeOk();
        })).ReadAsJsonAsync<JsonElement>();
        Assert.Equal(all.Select(c => (c.Number, c.GrossPence)),
            detail.GetProperty("creditNotes").EnumerateArray().Select(c => (c.GetProperty("number").GetString()!, c.GetProperty("amountPence").GetInt64())));
        Assert.Equal("Refunded", detail.GetProperty("status").GetString());

        // Nothing left: refused, and nothing written.
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { amountPence = 1 }).ToUrl($"/api/admin/orders/{purchase.OrderNumber}/refund");
            s.StatusCodeShouldBe(409);
            s.ContentShouldContain("REFUND_ALREADY_REQUESTED");
        });
        Assert.Equal(3, (await RefundsAsync(purchase.OrderNumber)).Count);
    }

    [Fact]
    public async Task A_refund_of_more_than_is_left_or_with_the_wrong_licences_is_refused_and_nothing_is_written()
    {
        var purchase = await Payments.CheckoutAsync(unitPriceNetPence: 1000, quantity: 2);
        await Payments.PayAsync(purchase);
        var licences = await Eventually.GetAsync(async () => await LicencesAsync(purchase.OrderNumber) is { Count: 2 } l ? l : null,
            "the order's licences", TimeSpan.FromSeconds(30));
        var other = await Payments.CheckoutAsync();
        await Payments.PayAsync(other);
        var otherLicence = (await Eventually.GetAsync(async () => await LicencesAsync(other.OrderNumber) is { Count: 1 } l ? l : null,
            "the other order's licence", TimeSpan.FromSeconds(30)))[0];
        var admin = await app.SignInAdminAsync();
        var url = $"/api/admin/orders/{purchase.OrderNumber}/refund";
        var sku = licences[0].ProductSku;

        var tooMuch = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { amountPence = 2401 }).ToUrl(url);
            s.StatusCodeShouldBe(409);
        })).ReadAsJsonAsync<JsonElement>();
        Assert.Equal(("REFUND_EXCEEDS_REFUNDABLE", "2400"), (tooMuch.GetProperty("code").GetString(), tooMuch.GetProperty("refundablePence").GetString()));
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { lines = new[] { new { sku, quantity = 3, licenceKeys = licences.Select(l => l.Key).ToArray() } } }).ToUrl(url);
            s.StatusCodeShouldBe(409);
            s.ContentShouldContain("REFUND_EXCEEDS_REFUNDABLE");
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { lines = new[] { new { sku, quantity = 1, licenceKeys = new[] { otherLicence.Key } } } }).ToUrl(url);
            s.StatusCodeShouldBe(422);
            s.ContentShouldContain("REFUND_LICENCES_INVALID");
            s.ContentShouldContain("is not a licence of line");
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { lines = new[] { new { sku, quantity = 2, licenceKeys = new[] { licences[0].Key } } } }).ToUrl(url);
            s.StatusCodeShouldBe(422);
            s.ContentShouldContain("Choose 2 different licences");
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { amountPence = 100, lines = new[] { new { sku, quantity = 1 } } }).ToUrl(url);
            s.StatusCodeShouldBe(400);
            s.ContentShouldContain("Refund either an amount or lines, not both");
        });

        Assert.Empty(await RefundsAsync(purchase.OrderNumber));
        Assert.All(await LicencesAsync(purchase.OrderNumber), l => Assert.False(l.IsRevoked));
        Assert.Equal(OrderStatus.Paid, (await Payments.OrderAsync(purchase.OrderNumber))!.Status);
    }

    [Fact]
    public async Task Duplicate_and_out_of_order_refund_events_issue_exactly_one_credit_note_per_refund()
    {
        var purchase = await Payments.CheckoutAsync(unitPriceNetPence: 5000);
        var receipt = await Payments.PayAsync(purchase);
        // Two refunds in Stripe's dashboard whose events are held back, then delivered late, in reverse and again at once.
        var (firstRefund, firstEvent) = await app.Stripe.DashboardRefundAsync(receipt.PaymentIntentId, 1000, deliver: false);
        var (secondRefund, secondEvent) = await app.Stripe.DashboardRefundAsync(receipt.PaymentIntentId, 2000, deliver: false);

        Assert.All(await app.Stripe.SendAsync(secondEvent, times: 6, concurrent: true), status => Assert.Equal(200, status));
        Assert.All(await app.Stripe.SendAsync(firstEvent, times: 6, concurrent: true), status => Assert.Equal(200, status));

        var notes = await CreditNotesEventuallyAsync(purchase.OrderNumber, 2);
        Assert.Equal(new[] { firstRefund, secondRefund }.Order(StringComparer.Ordinal), notes.Select(n => n.StripeRefundId).Order(StringComparer.Ordinal));
        Assert.Equal(3000, notes.Sum(n => n.GrossPence));
        await using (var session = BillingStore.QuerySession())
            Assert.Equal(2, await session.Query<CreditNote>().CountAsync(c => c.OrderNumber == purchase.OrderNumber));
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.PartiallyRefunded);

        var (_, lastEvent) = await app.Stripe.DashboardRefundAsync(receipt.PaymentIntentId);
        var all = await CreditNotesEventuallyAsync(purchase.OrderNumber, 3);
        Assert.Equal(receipt.AmountPence, all.Sum(n => n.GrossPence));
        Assert.Equal(new[] { 200 }, await app.Stripe.SendAsync(lastEvent));
        await Payments.OrderEventuallyAsync(purchase.OrderNumber, OrderStatus.Refunded);
        Assert.Equal(3, (await CreditNotesAsync(purchase.OrderNumber)).Count);
    }

    [Fact]
    public async Task Credit_note_numbers_stay_gap_free_under_parallel_refunds_and_webhooks()
    {
        const int orders = 8;
        var purchases = new List<(Purchase Purchase, Receipt Receipt)>();
        for (var i = 0; i < orders; i++)
        {
            var purchase = await Payments.CheckoutAsync(unitPriceNetPence: 1000 + i);
            purchases.Add((purchase, await Payments.PayAsync(purchase)));
        }
        var admin = await app.SignInAdminAsync();
        var series = YearlySeries.SeriesName(CreditNote.NumberPrefix, London.Today(app.Clock).Year);
        var before = await Payments.CounterAsync(series) ?? 0;

        // Each order: an admin's partial refund and a dashboard refund of the rest, all at once.
        await Task.WhenAll(purchases.SelectMany(p => new Task[]
        {
            RefundAsync(admin, p.Purchase.OrderNumber, new { amountPence = 100 }),
            app.Stripe.DashboardRefundAsync(p.Receipt.PaymentIntentId, 200),
        }));

        var numbers = new List<string>();
        foreach (var (purchase, _) in purchases)
            numbers.AddRange((await CreditNotesEventuallyAsync(purchase.OrderNumber, 2)).Select(n => n.Number));
        var sequence = numbers.Select(n => long.Parse(n[^6..], System.Globalization.CultureInfo.InvariantCulture)).Order().ToList();
        Assert.Equal(Enumerable.Range(0, orders * 2).Select(i => before + 1 + i), sequence);
        Assert.Equal(before + orders * 2, await Payments.CounterAsync(series));
    }

    [Fact]
    public async Task The_credit_note_PDF_is_stored_emailed_attached_and_downloaded_by_its_owner_and_admins_only()
    {
        var owner = await app.CreateCustomerAsync(name: "Dorothy Vaughan");
        var purchase = await Payments.CheckoutAsync(unitPriceNetPence: 2499, quantity: 2, customer: Payments.CustomerOf(owner));
        await Payments.PayAsync(purchase);
        var admin = await app.SignInAdminAsync();
        await RefundAsync(admin, purchase.OrderNumber, new { reason = "Damaged download", amountPence = 1250 });

        var note = await Eventually.GetAsync(async () => await CreditNotesAsync(purchase.OrderNumber) is [{ Pdf.StoredAt: not null } n] ? n : null,
            "the credit note PDF to be stored", TimeSpan.FromSeconds(30));
        Assert.Matches(@"^CRN-\d{4}-\d{6}$", note.Number);

        var link = await (await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Get.Url($"/api/credit-notes/{note.Number.ToLowerInvariant()}/download");
            s.StatusCodeShouldBeOk();
            s.Header("Cache-Control").ShouldHaveValues("no-store");
        })).ReadAsJsonAsync<DownloadLink>();
        using var response = await Payments.Client.GetAsync(link!.Url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(note.Pdf.Sha256, Convert.ToHexStringLower(SHA256.HashData(bytes)));
        using (var document = PdfDocument.Open(bytes))
        {
            var text = string.Join("\n", document.GetPages().Select(p => ContentOrderTextExtractor.GetText(p)));
            foreach (var expected in new[] { "Credit note", note.Number, purchase.InvoiceNumber, purchase.OrderNumber,
                         TestBillingDetails.Business.Name!, TestBillingDetails.Business.CompanyName!, TestBillingDetails.Business.VatNumber!, "GB123456789", "Amount refunded at VAT 20%", "£10.42", "£2.08", "£12.50", "Amount credited", "Reason: Damaged download" })
                Assert.Contains(expected, text);
        }

        var email = await app.Mail.WaitForAsync(owner.Email, m => m.Subject == $"Credit note {note.Number} for order {purchase.OrderNumber}");
        Assert.Contains("£12.50", email.Text);
        var attachment = Assert.Single(email.Attachments ?? []);
        Assert.Equal($"{note.Number}.pdf", attachment.FileName);
        Assert.Equal(bytes, await app.Mail.AttachmentAsync(email, attachment.GeneratedFileName));

        var stranger = await app.CreateCustomerAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(stranger).Get.Url($"/api/credit-notes/{note.Number}/download");
            s.StatusCodeShouldBe(404);
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url($"/api/credit-notes/{note.Number}/download");
            s.StatusCodeShouldBeOk();
        });
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(owner).Get.Url($"/api/receipts/{note.Number}/download");
            s.StatusCodeShouldBe(404);
        });

        // The pages: the owner's and the admin's order pages list it and redirect to the PDF.
        await Eventually.GetAsync(async () => await Payments.OrderAsync(purchase.OrderNumber) is { CreditNotes.Count: 1 } o ? o : null,
            "the order to list its credit note", TimeSpan.FromSeconds(30));
        var customerPages = PageVisitor.For(app, owner);
        Assert.Contains($"Download {note.Number} (PDF)", (await customerPages.GetAsync($"/account/orders/{purchase.OrderNumber}")).Html);
        var redirect = await customerPages.GetAsync($"/account/orders/{purchase.OrderNumber}/credit-notes/{note.Number}", 302);
        Assert.StartsWith("http", redirect.Location);
        await PageVisitor.For(app, stranger).GetAsync($"/account/orders/{purchase.OrderNumber}/credit-notes/{note.Number}", 404);
        var adminPages = PageVisitor.For(app, admin);
        Assert.Contains($"Download {note.Number} (PDF)", (await adminPages.GetAsync($"/admin/orders/{purchase.OrderNumber}")).Html);
        await adminPages.GetAsync($"/admin/orders/{purchase.OrderNumber}/credit-notes/{note.Number}", 302);
    }

    private async Task<JsonElement> RefundAsync(TestUser admin, string orderNumber, object? body) =>
        await (await app.Host.Scenario(s =>
        {
            if (body is null) s.SignedInAs(admin).Post.Url($"/api/admin/orders/{orderNumber}/refund");
            else s.SignedInAs(admin).Post.Json(body).ToUrl($"/api/admin/orders/{orderNumber}/refund");
            s.StatusCodeShouldBe(202);
        })).ReadAsJsonAsync<JsonElement>();

    private Task<IReadOnlyList<CreditNote>> CreditNotesEventuallyAsync(string orderNumber, int count) =>
        Eventually.GetAsync(async () => await CreditNotesAsync(orderNumber) is var notes && notes.Count == count
                                        && notes.All(n => !n.Number.StartsWith("PENDING", StringComparison.Ordinal)) ? notes : null,
            $"{count} credit notes of {orderNumber}", TimeSpan.FromSeconds(30));

    private async Task<IReadOnlyList<CreditNote>> CreditNotesAsync(string orderNumber)
    {
        await using var session = BillingStore.QuerySession();
        return await session.Query<CreditNote>().Where(c => c.OrderNumber == orderNumber).OrderBy(c => c.Number).ToListAsync();
    }

    private async Task<IReadOnlyList<Refund>> RefundsAsync(string orderNumber)
    {
        await using var session = BillingStore.QuerySession();
        return await session.Query<Refund>().Where(r => r.OrderNumber == orderNumber).ToListAsync();
    }

    private async Task<IReadOnlyList<Licence>> LicencesAsync(string orderNumber)
    {
        await using var session = app.Host.Services.GetRequiredService<ILicensingStore>().QuerySession();
        return await session.Query<Licence>().Where(l => l.OrderNumber == orderNumber).OrderBy(l => l.Key).ToListAsync();
    }

    private IBillingStore BillingStore => app.Host.Services.GetRequiredService<IBillingStore>();
}
