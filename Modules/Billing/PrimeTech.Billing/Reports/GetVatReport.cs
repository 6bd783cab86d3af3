using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Billing.Reports;

/// <summary>
/// The accountant's VAT report (CODEX_HANDOFF §6.3, D-110): for London dates <see cref="From"/> to
/// <see cref="To"/> inclusive (at most <see cref="MaxDays"/> days), every invoice paid and every
/// credit note issued in the period, one line per document and VAT rate (credit notes negative), and
/// the totals by rate, which are the sums of those lines. Answered with <see cref="VatReport"/>.
/// </summary>
public sealed record GetVatReport(string? From, string? To)
{
    public const int MaxDays = 366;

    public sealed class Validator : AbstractValidator<GetVatReport>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.From).Must(f => !string.IsNullOrWhiteSpace(f)).WithMessage("Enter a start date");
            RuleFor(x => x.From).Must(f => London.ParseDate(f) is not null).When(x => !string.IsNullOrWhiteSpace(x.From)).WithMessage("Enter a date as YYYY-MM-DD");
            RuleFor(x => x.To).Must(t => !string.IsNullOrWhiteSpace(t)).WithMessage("Enter an end date");
            RuleFor(x => x.To).Must(t => London.ParseDate(t) is not null).When(x => !string.IsNullOrWhiteSpace(x.To)).WithMessage("Enter a date as YYYY-MM-DD");
            When(x => London.ParseDate(x.From) is not null && London.ParseDate(x.To) is not null, () =>
            {
                RuleFor(x => x.To).Must((x, to) => London.ParseDate(to) >= London.ParseDate(x.From))
                    .WithMessage("The end date must be on or after the start date");
                RuleFor(x => x.To).Must((x, to) => London.ParseDate(to)!.Value.DayNumber - London.ParseDate(x.From)!.Value.DayNumber < MaxDays)
                    .When(x => London.ParseDate(x.To) >= London.ParseDate(x.From))
                    .WithMessage($"Choose a period of {MaxDays} days or fewer");
            });
        }
    }

    /// <summary>The period, once the validator has passed (methods, not properties, so nothing that reads a message's properties trips on an invalid one).</summary>
    public (DateOnly From, DateOnly To) Period() =>
        (London.ParseDate(From) ?? throw new InvalidOperationException("Validate the query first."),
         London.ParseDate(To) ?? throw new InvalidOperationException("Validate the query first."));
}

/// <summary>The report: the period, totals by VAT rate (rate descending), the grand total, and every line.</summary>
public sealed record VatReport(
    DateOnly From, DateOnly To, IReadOnlyList<VatRateTotal> Rates, VatRateTotal Total, IReadOnlyList<VatReportLine> Lines)
{
    public static VatReport Of(DateOnly from, DateOnly to, IReadOnlyList<VatReportLine> lines)
    {
        var rates = lines.GroupBy(l => l.VatRatePercent)
            .OrderByDescending(g => g.Key)
            .Select(g => VatRateTotal.Sum(g.Key, g.ToList()))
            .ToList();
        return new VatReport(from, to, rates, VatRateTotal.Sum(null, lines), lines);
    }
}

/// <summary>
/// Sums of lines: invoice amounts, credit-note amounts (negative) and their net, VAT and gross.
/// <see cref="VatRatePercent"/> is null for the grand total.
/// </summary>
public sealed record VatRateTotal(
    decimal? VatRatePercent, int Invoices, int CreditNotes, long InvoicedNetPence, long CreditedNetPence, long NetPence, long VatPence, long GrossPence)
{
    public static VatRateTotal Sum(decimal? rate, IReadOnlyList<VatReportLine> lines) => new(
        rate,
        lines.Where(l => l.Type == VatReportLine.Invoice).Select(l => l.Number).Distinct().Count(),
        lines.Where(l => l.Type == VatReportLine.CreditNote).Select(l => l.Number).Distinct().Count(),
        lines.Where(l => l.Type == VatReportLine.Invoice).Sum(l => l.NetPence),
        lines.Where(l => l.Type == VatReportLine.CreditNote).Sum(l => l.NetPence),
        lines.Sum(l => l.NetPence), lines.Sum(l => l.VatPence), lines.Sum(l => l.GrossPence));
}

/// <summary>
/// One document's amounts at one VAT rate: <see cref="Date"/> is the London date that puts it in
/// the period (an invoice's payment, a credit note's issue); a credit note's amounts are negative.
/// </summary>
public sealed record VatReportLine(
    string Type, string Number, DateOnly Date, DateTimeOffset At, string Customer, decimal VatRatePercent, long NetPence, long VatPence, long GrossPence)
{
    public const string Invoice = "Invoice";
    public const string CreditNote = "CreditNote";

    public static readonly string[] CsvHeader = ["type", "number", "date", "customer", "vat_rate_percent", "net", "vat", "gross"];

    public string[] CsvFields() =>
    [
        Csv.Text(Type), Csv.Text(Number), Date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), Csv.Text(Customer),
        Csv.Number(VatRatePercent), Csv.Pounds(NetPence), Csv.Pounds(VatPence), Csv.Pounds(GrossPence),
    ];
}

public static class GetVatReportHandler
{
    public static async Task<VatReport> Handle(GetVatReport query, IDocumentSession session, CancellationToken ct)
    {
        var (from, to) = query.Period();
        return VatReport.Of(from, to, await VatDocuments.LinesAsync(session, from, to, ct));
    }
}

/// <summary><c>GET /api/admin/reports/vat.csv?from=&amp;to=</c>: the report's lines as RFC 4180 CSV, for the accountant.</summary>
public sealed class VatReportCsvEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/reports/vat.csv", async (string? from, string? to, IMessageBus bus, CancellationToken ct) =>
            {
                var report = await bus.InvokeAsync<VatReport>(new GetVatReport(from, to), ct);
                var csv = new Csv().Row(VatReportLine.CsvHeader);
                foreach (var line in report.Lines) csv.Row(line.CsvFields());
                return Results.File(csv.ToUtf8(), Csv.ContentType, VatReportCsv.FileName(report.From, report.To));
            })
            .RequireAuthorization(Policies.Admin)
            .NoStore()
            .WithTags("Admin")
            .WithSummary("The VAT report's documents as CSV: one line per invoice paid and credit note issued in the period (London dates, inclusive) and VAT rate.")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv");
}

public static class VatReportCsv
{
    public static string FileName(DateOnly from, DateOnly to) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"vat-report-{from:yyyy-MM-dd}-to-{to:yyyy-MM-dd}.csv");
}
