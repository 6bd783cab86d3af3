using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Payments;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Billing.Reports;

/// <summary>
/// Contract query for the admin dashboard: per London day, receipts issued (count and gross) and
/// refunds completed, every day of the range listed (zeros included).
/// </summary>
public static class GetRevenueFiguresHandler
{
    public const int MaxDays = 366;

    public static async Task<RevenueFigures> Handle(GetRevenueFigures query, IDocumentSession session, CancellationToken ct)
    {
        var from = query.From;
        var to = query.To < from ? from : query.To;
        if (to.DayNumber - from.DayNumber >= MaxDays) to = from.AddDays(MaxDays - 1);
        var start = London.ToUtc(from, TimeOnly.MinValue);
        var end = London.ToUtc(to.AddDays(1), TimeOnly.MinValue);

        var receipts = await session.Query<Receipt>()
            .Where(r => r.IssuedAt >= start && r.IssuedAt < end)
            .Select(r => new { r.IssuedAt, r.AmountPence })
            .ToListAsync(ct);
        var refunds = await session.Query<Refund>()
            .Where(r => r.Status == RefundStatus.Completed && r.CompletedAt >= start && r.CompletedAt < end)
            .Select(r => new { r.CompletedAt, r.AmountPence })
            .ToListAsync(ct);

        var receiptsByDay = receipts.GroupBy(r => Day(r.IssuedAt)).ToDictionary(g => g.Key, g => (Count: g.Count(), Gross: g.Sum(r => r.AmountPence)));
        var refundsByDay = refunds.GroupBy(r => Day(r.CompletedAt!.Value)).ToDictionary(g => g.Key, g => g.Sum(r => r.AmountPence));

        var days = new List<DailyRevenue>();
        for (var day = from; day <= to; day = day.AddDays(1))
        {
            var issued = receiptsByDay.GetValueOrDefault(day);
            days.Add(new DailyRevenue(day, issued.Gross, issued.Count, refundsByDay.GetValueOrDefault(day)));
        }
        return new RevenueFigures(days);
    }

    private static DateOnly Day(DateTimeOffset at) => DateOnly.FromDateTime(London.ToLocal(at));
}
