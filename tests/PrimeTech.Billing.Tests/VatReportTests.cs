using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Reports;
using PrimeTech.BuildingBlocks.Money;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Billing.Tests;

/// <summary>
/// The accountant's VAT report: on generated documents with mixed rates, the page's totals, the
/// CSV's lines and the documents stored in PostgreSQL add up to the same pence; London dates are
/// inclusive at both ends (across the change to summer time); the dates are validated; customer
/// text cannot become a spreadsheet formula.
/// </summary>
[Collection(PaymentsCollection.Name)]
public sealed partial class VatReportTests(PaymentsFixture app)
{
    private static readonly decimal[] Rates = [20m, 5m, 0m, 12.5m, 17.5m];
    private static readonly string[] HostileNames =
        ["=HYPERLINK(\"http://evil.example\",\"x\")", "+44 Trading", "-1+1", "@SUM(A1:A9)", "\tTabbed", "Smith, \"Jo\"\r\nLtd", "Zoë Ørsted"];

    // 1 March to 30 April 2011, London: summer time starts on 27 March, so the end is 23:00 UTC.
    private static readonly DateOnly From = new(2011, 3, 1);
    private static readonly DateOnly To = new(2011, 4, 30);

    [Fact]
    public async Task The_report_totals_equal_the_sum_of_the_csv_lines_and_of_the_stored_documents()
    {
        var (start, end) = London.Days(From, To);
        var random = new Random(14);
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        var invoices = new List<Invoice>();
        for (var n = 0; n < 160; n++)
            invoices.Add(PaidInvoice($"INV-2011-{run}{n:D3}", RandomInstant(random, start, end), random, HostileNames[n % HostileNames.Length]));
        // At the edges: the first and the last moment of the period count, a moment either side does not.
        invoices.Add(PaidInvoice($"INV-2011-{run}E01", start, random, "First moment"));
        invoices.Add(PaidInvoice($"INV-2011-{run}E02", end.AddSeconds(-1), random, "Last moment"));
        var outside = new[]
        {
            PaidInvoice($"INV-2011-{run}X01", start.AddSeconds(-1), random, "Day before"),
            PaidInvoice($"INV-2011-{run}X02", end, random, "Day after"),
        };
        var unpaid = PaidInvoice($"INV-2011-{run}X03", start.AddDays(3), random, "Not paid");
        unpaid.Status = InvoiceStatus.Issued;
        unpaid.PaidAt = null;
        var voided = PaidInvoice($"INV-2011-{run}X04", start.AddDays(4), random, "Void");
        voided.Status = InvoiceStatus.Void;
        var creditNotes = Enumerable.Range(0, 70)
            .Select(n => CreditNoteOf(invoices[n], $"CRN-2011-{run}{n:D3}", RandomInstant(random, start, end), random)).ToList();
        var creditOutside = CreditNoteOf(invoices[100], $"CRN-2011-{run}X01", end, random);

        await using (var session = app.Host.Services.GetRequiredService<IBillingStore>().LightweightSession())
        {
            session.Store([.. invoices, .. outside, unpaid, voided]);
            session.Store([.. creditNotes, creditOutside]);
            await session.SaveChangesAsync();
        }

        // What PostgreSQL holds for the period, read back and summed line by line, per VAT rate.
        var stored = await StoredAmountsAsync(run, start, end);
        Assert.Equal(162 + 70, stored.Documents);

        var admin = await app.SignInAdminAsync();
        var query = $"from={From:yyyy-MM-dd}&to={To:yyyy-MM-dd}";
        var csv = await CsvAsync(admin, "/api/admin/reports/vat.csv?" + query);
        Assert.Equal(["type", "number", "date", "customer", "vat_rate_percent", "net", "vat", "gross"], csv[0]);
        var lines = csv.Skip(1).Where(l => l[1].Contains(run, StringComparison.Ordinal)).ToList();
        Assert.Equal(csv.Count - 1, lines.Count);   // no other test stores documents in 2011
        Assert.Equal(stored.Documents, lines.Select(l => l[1]).Distinct().Count());
        Assert.DoesNotContain(lines, l => l[1].Contains('X'));
        Assert.All(lines, l => Assert.True(l[0] == "Invoice" ? Pence(l[7]) > 0 : l[0] == "CreditNote" && Pence(l[7]) < 0, string.Join(",", l)));
        Assert.Equal(70, lines.Where(l => l[0] == "CreditNote").Select(l => l[1]).Distinct().Count());

        var csvByRate = lines.GroupBy(l => decimal.Parse(l[4], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (Net: g.Sum(l => Pence(l[5])), Vat: g.Sum(l => Pence(l[6])), Gross: g.Sum(l => Pence(l[7]))));
        Assert.Equal(stored.ByRate.OrderBy(r => r.Key), csvByRate.OrderBy(r => r.Key));

        var page = await PageVisitor.For(app, admin).GetAsync("/admin/reports/vat?" + query);
        Assert.Equal(stored.Total, (PagePence(page.Html, "net"), PagePence(page.Html, "vat"), PagePence(page.Html, "gross")));
        var pageByRate = RateRow().Matches(page.Html).ToDictionary(
            m => decimal.Parse(m.Groups["rate"].Value.TrimEnd('%'), CultureInfo.InvariantCulture),
            m => (Net: PoundsToPence(m.Groups["v"].Captures[4].Value), Vat: PoundsToPence(m.Groups["v"].Captures[5].Value),
                Gross: PoundsToPence(m.Groups["v"].Captures[6].Value)));
        Assert.Equal(stored.ByRate.OrderBy(r => r.Key), pageByRate.OrderBy(r => r.Key));
        Assert.Contains($"href=\"/api/admin/reports/vat.csv?from={From:yyyy-MM-dd}&amp;to={To:yyyy-MM-dd}\"", page.Html);

        // The revenue query adds the same lines up by month.
        var bus = app.Payments.Bus;
        var months = (await bus.InvokeAsync<MonthlyRevenue>(new GetMonthlyRevenue(To, 2))).Months;
        Assert.Equal([From, new DateOnly(2011, 4, 1)], months.Select(m => m.Month));
        Assert.Equal(stored.Total.Net, months.Sum(m => m.NetPence));
        var march = await bus.InvokeAsync<VatReport>(new GetVatReport("2011-03-01", "2011-03-31"));
        Assert.Equal(march.Total.NetPence, months[0].NetPence);
    }

    [Fact]
    public async Task Customer_text_is_quoted_and_defused_so_a_spreadsheet_shows_it_as_text()
    {
        var (start, _) = London.Days(new DateOnly(2012, 6, 1), new DateOnly(2012, 6, 1));
        var random = new Random(7);
        var run = Guid.NewGuid().ToString("N")[..6].ToUpperInvariant();
        await using (var session = app.Host.Services.GetRequiredService<IBillingStore>().LightweightSession())
        {
            for (var n = 0; n < HostileNames.Length; n++)
                session.Store(PaidInvoice($"INV-2012-{run}{n:D3}", start.AddMinutes(n + 1), random, HostileNames[n], rates: [20m]));
            await session.SaveChangesAsync();
        }

        var admin = await app.SignInAdminAsync();
        var bytes = await app.ClientFor(admin).GetByteArrayAsync("/api/admin/reports/vat.csv?from=2012-06-01&to=2012-06-01");
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);   // so spreadsheets read "Zoë Ørsted" as UTF-8
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"", text);
        Assert.Contains(",'+44 Trading,", text);
        Assert.Contains(",'-1+1,", text);
        Assert.Contains(",'@SUM(A1:A9),", text);
        Assert.Contains(",'\tTabbed,", text);
        Assert.Contains(",\"Smith, \"\"Jo\"\"\r\nLtd\",", text);
        var records = ParseCsv(text).Skip(1).ToList();
        Assert.Equal(HostileNames.Select(n => "=+-@\t".Contains(n[0]) ? "'" + n : n), records.Select(r => r[3]));
        Assert.All(records, r => Assert.Equal(("Invoice", 8), (r[0], r.Length)));
    }

    [Theory]
    [InlineData("from=2026-02-30&to=2026-03-01", "from")]
    [InlineData("from=2026-03-01&to=yesterday", "to")]
    [InlineData("from=2026-03-02&to=2026-03-01", "to")]
    [InlineData("from=2024-01-01&to=2025-01-01", "to")]
    [InlineData("to=2026-03-01", "from")]
    [InlineData("", "from")]
    public async Task Dates_that_are_not_a_period_of_at_most_366_days_are_refused_with_the_error_contract(string query, string field)
    {
        var admin = await app.SignInAdminAsync();
        var result = await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/reports/vat.csv?" + query);
            s.StatusCodeShouldBe(400);
            s.ContentTypeShouldBe("application/problem+json");
        });
        var problem = await result.ReadAsJsonAsync<JsonElement>();
        Assert.Equal("VALIDATION_FAILED", problem.GetProperty("code").GetString());
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"no error on {field}");

        if (query.Length == 0) return;   // the page without dates shows this month
        var page = await PageVisitor.For(app, admin).GetAsync("/admin/reports/vat?" + query, 400);
        Assert.Contains("<title>Error: VAT report", page.Html);
        Assert.Matches($"id=\"{char.ToUpperInvariant(field[0])}{field[1..]}-error\"", page.Html);
    }

    [Fact]
    public async Task A_year_of_366_days_is_accepted_and_the_page_without_dates_shows_this_month_and_a_real_payment()
    {
        var admin = await app.SignInAdminAsync();
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/reports/vat.csv?from=2024-01-01&to=2024-12-31");
            s.StatusCodeShouldBeOk();
            s.ContentTypeShouldBe(Csv.ContentType);
            s.Header("Cache-Control").ShouldHaveValues("no-store");
            s.Header("Content-Disposition").SingleValueShouldMatch(new Regex("attachment; filename=vat-report-2024-01-01-to-2024-12-31\\.csv"));
        });

        var purchase = await app.Payments.CheckoutAsync(unitPriceNetPence: 1234, quantity: 3);
        await app.Payments.PayAsync(purchase);
        var invoice = await app.Payments.InvoiceAsync(purchase.InvoiceNumber);
        var paidOn = DateOnly.FromDateTime(London.ToLocal(invoice.PaidAt!.Value)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var line = Assert.Single(await CsvAsync(admin, $"/api/admin/reports/vat.csv?from={paidOn}&to={paidOn}"), l => l[1] == purchase.InvoiceNumber);
        Assert.Equal(["Invoice", purchase.InvoiceNumber, paidOn, purchase.Customer.Name, "20", "37.02", "7.40", "44.42"], line);

        var page = await PageVisitor.For(app, admin).GetAsync("/admin/reports/vat");
        Assert.Contains("<h1>VAT report</h1>", page.Html);
        Assert.Contains($"value=\"{London.Today(app.Clock):yyyy-MM-dd}\"", page.Html);
        Assert.Contains("aria-current=\"page\">VAT report</a>", page.Html);
        Assert.DoesNotContain("style=", page.Html);
    }

    [Fact]
    public async Task The_revenue_page_charts_12_months_of_net_revenue_with_a_table_and_agrees_with_the_vat_report()
    {
        var admin = await app.SignInAdminAsync();
        var page = await PageVisitor.For(app, admin).GetAsync("/admin/reports/revenue");
        Assert.Contains("<h1>Revenue</h1>", page.Html);
        Assert.Contains("role=\"img\"", page.Html);
        Assert.Contains("aria-label=\"Net revenue per month for the last 12 months\"", page.Html);
        Assert.Equal(12, Regex.Count(page.Html, "<rect class=\"bar"));
        Assert.Contains("<summary>Show the data</summary>", page.Html);
        Assert.DoesNotContain("<script", page.Html);

        var today = London.Today(app.Clock);
        var thisMonth = new DateOnly(today.Year, today.Month, 1);
        var report = await app.Payments.Bus.InvokeAsync<VatReport>(new GetVatReport(
            thisMonth.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), thisMonth.AddMonths(1).AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        var row = Regex.Match(page.Html, $"<th scope=\"row\">{thisMonth.ToString("MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"))}</th>(\\s*<td class=\"num\">(?<v>[^<]*)</td>){{5}}");
        Assert.True(row.Success);
        Assert.Equal(report.Total.NetPence, PoundsToPence(row.Groups["v"].Captures[4].Value));

        await PageVisitor.For(app, await app.CreateCustomerAsync()).GetAsync("/admin/reports/revenue", 403);
        await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url("/api/admin/reports/vat.csv?from=2024-01-01&to=2024-01-31");
            s.StatusCodeShouldBeOk();
        });
    }

    private sealed record StoredAmounts(int Documents, Dictionary<decimal, (long Net, long Vat, long Gross)> ByRate, (long Net, long Vat, long Gross) Total);

    private async Task<StoredAmounts> StoredAmountsAsync(string run, DateTimeOffset start, DateTimeOffset end)
    {
        await using var session = app.Host.Services.GetRequiredService<IBillingStore>().QuerySession();
        var invoices = (await session.Query<Invoice>().Where(i => i.Number.StartsWith("INV-2011-" + run)).ToListAsync())
            .Where(i => i.Status == InvoiceStatus.Paid && i.PaidAt >= start && i.PaidAt < end).ToList();
        var notes = (await session.Query<CreditNote>().Where(c => c.Number.StartsWith("CRN-2011-" + run)).ToListAsync())
            .Where(c => c.IssuedAt >= start && c.IssuedAt < end).ToList();
        var amounts = invoices.SelectMany(i => i.Lines.Select(l => (l.VatRatePercent, l.NetPence, l.VatPence, l.GrossPence)))
            .Concat(notes.SelectMany(c => c.Lines.Select(l => (l.VatRatePercent, -l.NetPence, -l.VatPence, -l.GrossPence))))
            .ToList();
        // Each document's own totals are the sums of its lines, so summing lines is summing documents.
        Assert.All(invoices, i => Assert.Equal((i.NetPence, i.VatPence, i.GrossPence), (i.Lines.Sum(l => l.NetPence), i.Lines.Sum(l => l.VatPence), i.Lines.Sum(l => l.GrossPence))));
        Assert.All(notes, c => Assert.Equal((c.NetPence, c.VatPence, c.GrossPence), (c.Lines.Sum(l => l.NetPence), c.Lines.Sum(l => l.VatPence), c.Lines.Sum(l => l.GrossPence))));
        return new StoredAmounts(
            invoices.Count + notes.Count,
            amounts.GroupBy(a => a.Item1).ToDictionary(g => g.Key, g => (g.Sum(a => a.Item2), g.Sum(a => a.Item3), g.Sum(a => a.Item4))),
            (amounts.Sum(a => a.Item2), amounts.Sum(a => a.Item3), amounts.Sum(a => a.Item4)));
    }

    private static DateTimeOffset RandomInstant(Random random, DateTimeOffset start, DateTimeOffset end) =>
        start.AddSeconds(random.NextInt64((long)(end - start).TotalSeconds));

    private static Invoice PaidInvoice(string number, DateTimeOffset paidAt, Random random, string buyer, decimal[]? rates = null)
    {
        var lines = Enumerable.Range(0, random.Next(1, 4)).Select(_ =>
        {
            var rate = (rates ?? Rates)[random.Next((rates ?? Rates).Length)];
            var quantity = random.Next(1, 6);
            var unit = random.NextInt64(1, 250_000);
            var net = unit * quantity;
            return new InvoiceLine
            {
                ProductId = Guid.NewGuid(), Sku = "GEN-1", Name = "Generated", IsLicensed = false, Quantity = quantity, UnitPriceNetPence = unit,
                VatRatePercent = rate, NetPence = net, VatPence = Vat.On(net, rate), GrossPence = Vat.Gross(net, rate),
            };
        }).ToList();
        return new Invoice
        {
            Id = Guid.NewGuid(), Number = number, OrderId = Guid.NewGuid(), OrderNumber = "ORD-" + number, CustomerId = Guid.NewGuid(),
            Buyer = new InvoiceBuyer { Name = buyer, Email = "buyer@example.test" }, Lines = lines,
            NetPence = lines.Sum(l => l.NetPence), VatPence = lines.Sum(l => l.VatPence), GrossPence = lines.Sum(l => l.GrossPence),
            Status = InvoiceStatus.Paid, IssuedAt = paidAt.AddMinutes(-5), PaidAt = paidAt,
        };
    }

    /// <summary>A credit note for part of an invoice: some units of its first line, or an amount at each of its rates.</summary>
    private static CreditNote CreditNoteOf(Invoice invoice, string number, DateTimeOffset issuedAt, Random random)
    {
        var lines = invoice.Lines.GroupBy(l => l.VatRatePercent).Select(g =>
        {
            var net = Math.Max(1, g.Sum(l => l.NetPence) / random.Next(2, 5));
            return new CreditLine
            {
                Description = $"Refund at {g.Key}%", VatRatePercent = g.Key, NetPence = net, VatPence = Vat.On(net, g.Key), GrossPence = Vat.Gross(net, g.Key),
            };
        }).ToList();
        return new CreditNote
        {
            Id = Guid.NewGuid(), Number = number, OrderId = invoice.OrderId, OrderNumber = invoice.OrderNumber, InvoiceNumber = invoice.Number,
            InvoiceIssuedAt = invoice.IssuedAt, CustomerId = invoice.CustomerId, RefundId = Guid.NewGuid(), StripeRefundId = "re_" + Guid.NewGuid().ToString("N"),
            Buyer = invoice.Buyer, Lines = lines,
            NetPence = lines.Sum(l => l.NetPence), VatPence = lines.Sum(l => l.VatPence), GrossPence = lines.Sum(l => l.GrossPence),
            RefundedAt = issuedAt, IssuedAt = issuedAt,
        };
    }

    private async Task<string> CsvTextAsync(TestUser admin, string url)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.SignedInAs(admin).Get.Url(url);
            s.StatusCodeShouldBeOk();
            s.ContentTypeShouldBe(Csv.ContentType);
        });
        return (await result.ReadAsTextAsync()).TrimStart('\uFEFF');
    }

    private async Task<List<string[]>> CsvAsync(TestUser admin, string url) => ParseCsv(await CsvTextAsync(admin, url));

    /// <summary>RFC 4180: records end in CRLF, a quoted field may hold commas, quotes (doubled) and line breaks.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') quoted = false;
                else field.Append(c);
            }
            else if (c == '"') quoted = true;
            else if (c == ',') { fields.Add(field.ToString()); field.Clear(); }
            else if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i++;
            }
            else field.Append(c);
        }
        Assert.True(fields.Count == 0 && field.Length == 0, "The CSV does not end with CRLF.");
        return records;
    }

    private static long Pence(string pounds) => (long)(decimal.Parse(pounds, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture) * 100);

    private static long PoundsToPence(string shown) => Pence(shown.Replace("£", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal));

    private static long PagePence(string html, string total) =>
        PoundsToPence(Regex.Match(html, $"data-total=\"{total}\">([^<]+)<").Groups[1].Value);

    [GeneratedRegex("<tr>\\s*<th scope=\"row\">(?<rate>[0-9.]+%)</th>(\\s*<td class=\"num\">(?<v>[^<]*)</td>){7}")]
    private static partial Regex RateRow();
}
