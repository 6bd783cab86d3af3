namespace PrimeTech.Billing.Reports;

/// <summary>
/// Admin revenue page: net revenue (excluding VAT) per London calendar month for the
/// <see cref="Months"/> months ending with the month of <see cref="LastMonth"/>: invoices paid in the
/// month minus credit notes issued in it (D-113). The same lines as the VAT report, so a month here
/// equals the VAT report's net total for that month.
/// </summary>
public sealed record GetMonthlyRevenue(DateOnly LastMonth, int Months = 12)
{
    public const int MaxMonths = 24;
}

public sealed record MonthlyRevenue(IReadOnlyList<MonthRevenue> Months);

/// <summary><see cref="Month"/> is the month's first day; credited amounts are negative, <see cref="NetPence"/> their sum with the invoiced.</summary>
public sealed record MonthRevenue(DateOnly Month, int Invoices, int CreditNotes, long InvoicedNetPence, long CreditedNetPence, long NetPence);

public static class GetMonthlyRevenueHandler
{
    public static async Task<MonthlyRevenue> Handle(GetMonthlyRevenue query, IDocumentSession session, CancellationToken ct)
    {
        var months = Math.Clamp(query.Months, 1, GetMonthlyRevenue.MaxMonths);
        var last = new DateOnly(query.LastMonth.Year, query.LastMonth.Month, 1);
        var first = last.AddMonths(1 - months);
        var lines = await VatDocuments.LinesAsync(session, first, last.AddMonths(1).AddDays(-1), ct);
        var byMonth = lines.ToLookup(l => new DateOnly(l.Date.Year, l.Date.Month, 1));

        return new MonthlyRevenue(Enumerable.Range(0, months).Select(i =>
        {
            var month = first.AddMonths(i);
            var total = VatRateTotal.Sum(null, byMonth[month].ToList());
            return new MonthRevenue(month, total.Invoices, total.CreditNotes, total.InvoicedNetPence, total.CreditedNetPence, total.NetPence);
        }).ToList());
    }
}
