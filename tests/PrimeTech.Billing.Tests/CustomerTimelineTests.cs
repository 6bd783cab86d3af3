using System.Globalization;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Timeline;
using PrimeTech.Licensing;
using PrimeTech.Licensing.Licences;

namespace PrimeTech.Billing.Tests;

/// <summary>
/// The admin user page's timeline: a customer who signed in, bought, paid, activated the licence,
/// downloaded the invoice, was partly refunded and booked an engineer sees every kind of entry, newest
/// first, each linking to a page that answers; another customer's activity never shows.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed partial class CustomerTimelineTests(PaymentsFixture app)
{
    private Payments Payments => app.Payments;

    [Fact]
    public async Task A_customer_with_every_kind_of_activity_sees_every_kind_of_entry_in_time_order_with_working_links()
    {
        var customer = await app.CreateCustomerAsync(name: "Grace Hopper");
        var purchase = await Payments.CheckoutAsync(customer: Payments.CustomerOf(customer));
        await Payments.PayAsync(purchase);
        var licence = await Eventually.GetAsync(() => LicenceOfAsync(purchase.OrderNumber), "the licence", TimeSpan.FromSeconds(30));
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { licenceKey = licence.Key, fingerprint = "timeline-machine-0001", machineName = "Grace's laptop" }).ToUrl("/api/licences/activate");
            s.StatusCodeShouldBeOk();
        });
        await Eventually.GetAsync(async () => await DownloadStatusAsync(customer, purchase.InvoiceNumber) == 200 ? "downloaded" : null,
            "the invoice PDF to download", TimeSpan.FromSeconds(30));
        var admin = await app.SignInAdminAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Post.Json(new { reason = "Goodwill", amountPence = 500 }).ToUrl($"/api/admin/orders/{purchase.OrderNumber}/refund");
            s.StatusCodeShouldBe(202);
        });
        var creditNote = await Eventually.GetAsync(() => CreditNoteOfAsync(purchase.OrderNumber), "the credit note", TimeSpan.FromSeconds(30));
        var booking = await BookAsync(customer);

        var stranger = await app.CreateCustomerAsync(name: "Someone Else");
        var theirs = await Payments.CheckoutAsync(customer: Payments.CustomerOf(stranger));
        await Payments.PayAsync(theirs);

        var visitor = PageVisitor.For(app, admin);
        var rows = await Eventually.GetAsync(async () =>
        {
            var found = Rows((await visitor.GetAsync($"/admin/users/{customer.Id}")).Html);
            return found.Any(r => r.Kind == TimelineKinds.SignIn) ? found : null;   // the audit entry is appended after the sign-in answers
        }, "the sign-in in the timeline", TimeSpan.FromSeconds(30));

        Assert.Equal(
            new[] { TimelineKinds.Activation, TimelineKinds.Booking, TimelineKinds.CreditNote, TimelineKinds.Download, TimelineKinds.Invoice,
                TimelineKinds.Licence, TimelineKinds.Order, TimelineKinds.Receipt, TimelineKinds.SignIn },
            rows.Select(r => r.Kind).Distinct().Order(StringComparer.Ordinal));
        Assert.Equal(rows.Select(r => r.At).OrderDescending(), rows.Select(r => r.At));
        foreach (var (kind, title) in new[]
                 {
                     (TimelineKinds.Order, $"Order {purchase.OrderNumber} placed"), (TimelineKinds.Invoice, $"Invoice {purchase.InvoiceNumber} issued"),
                     (TimelineKinds.CreditNote, $"Credit note {creditNote.Number} issued"), (TimelineKinds.Licence, $"Licence {licence.Key} issued"),
                     (TimelineKinds.Activation, $"Licence {licence.Key} activated"), (TimelineKinds.Download, $"Downloaded {purchase.InvoiceNumber}.pdf"),
                     (TimelineKinds.Booking, $"Booking {booking} requested"),
                 })
            Assert.Contains(rows, r => r.Kind == kind && r.Title == title);
        // Newest first: the booking came last, the order before its invoice was issued.
        Assert.True(rows.FindIndex(r => r.Kind == TimelineKinds.Booking) < rows.FindIndex(r => r.Kind == TimelineKinds.CreditNote));
        Assert.True(rows.FindIndex(r => r.Kind == TimelineKinds.Receipt) < rows.FindIndex(r => r.Kind == TimelineKinds.Order));

        Assert.All(rows, r => Assert.NotNull(r.Href));
        Assert.Equal($"/admin/orders/{purchase.OrderNumber}/invoice", rows.Single(r => r.Kind == TimelineKinds.Download).Href);
        foreach (var href in rows.Select(r => r.Href!).Distinct())
        {
            var answer = await visitor.GetAsync(System.Net.WebUtility.HtmlDecode(href), expectedStatus: null);
            Assert.True(answer.Status is 200 or 302, $"{href} answered {answer.Status}");
        }

        var html = (await visitor.GetAsync($"/admin/users/{customer.Id}")).Html;
        Assert.DoesNotContain(theirs.OrderNumber, html);
        Assert.DoesNotContain(theirs.InvoiceNumber, html);
        Assert.Contains("Up to the most recent 200 events are shown.", html);

        var strangers = Rows((await visitor.GetAsync($"/admin/users/{stranger.Id}")).Html);
        Assert.DoesNotContain(strangers, r => r.Title.Contains(purchase.OrderNumber, StringComparison.Ordinal) || r.Title.Contains(licence.Key, StringComparison.Ordinal)
                                              || r.Title.Contains(booking, StringComparison.Ordinal));
        Assert.Contains(strangers, r => r.Title == $"Order {theirs.OrderNumber} placed");
    }

    private sealed record Row(string Kind, DateTimeOffset At, string Title, string? Href);

    private static List<Row> Rows(string html) => TimelineRow().Matches(html).Select(m => new Row(
        m.Groups["kind"].Value, DateTimeOffset.Parse(m.Groups["at"].Value, CultureInfo.InvariantCulture),
        System.Net.WebUtility.HtmlDecode(m.Groups["title"].Value.Trim()), m.Groups["href"].Success ? m.Groups["href"].Value : null)).ToList();

    [GeneratedRegex("<tr data-kind=\"(?<kind>\\w+)\">\\s*<td><time datetime=\"(?<at>[^\"]+)\">[^<]*</time></td>\\s*<td>[^<]*</td>\\s*<td>\\s*(<a href=\"(?<href>[^\"]+)\">)?(?<title>[^<]+)")]
    private static partial Regex TimelineRow();

    private async Task<Licence?> LicenceOfAsync(string orderNumber)
    {
        await using var session = app.Host.Services.GetRequiredService<ILicensingStore>().QuerySession();
        return await session.Query<Licence>().FirstOrDefaultAsync(l => l.OrderNumber == orderNumber);
    }

    private async Task<CreditNote?> CreditNoteOfAsync(string orderNumber)
    {
        await using var session = app.Host.Services.GetRequiredService<IBillingStore>().QuerySession();
        var notes = await session.Query<CreditNote>().Where(c => c.OrderNumber == orderNumber).ToListAsync();
        return notes.FirstOrDefault(c => c.Number.StartsWith(CreditNote.NumberPrefix + "-", StringComparison.Ordinal));
    }

    private async Task<int> DownloadStatusAsync(TestUser customer, string invoiceNumber) =>
        (await app.Host.Scenario(s =>
        {
            s.SignedInAs(customer).Get.Url($"/api/invoices/{invoiceNumber}/download");
            s.IgnoreStatusCode();
        })).Context.Response.StatusCode;

    /// <summary>A weekday slot some weeks ahead, trying the next hour if another test holds it.</summary>
    private async Task<string> BookAsync(TestUser customer)
    {
        var day = London.Today(app.Clock).AddDays(14 + Random.Shared.Next(40));
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(1);
        for (var hour = 9; hour < 16; hour++)
        {
            var result = await app.Host.Scenario(s =>
            {
                s.SignedInAs(customer).Post.Json(new
                {
                    serviceSlug = "remote-support", start = London.ToUtc(day, new TimeOnly(hour, 0)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                    name = customer.Name, email = customer.Email, phone = "01632 960 001", notes = "Timeline test.",
                }).ToUrl("/api/bookings");
                s.IgnoreStatusCode();
            });
            if (result.Context.Response.StatusCode == 201)
                return (await result.ReadAsJsonAsync<System.Text.Json.JsonElement>()).GetProperty("reference").GetString()!;
        }
        throw new InvalidOperationException($"No slot could be booked on {day}.");
    }
}
