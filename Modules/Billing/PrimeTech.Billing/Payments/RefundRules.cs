using System.Globalization;
using PrimeTech.Billing.CreditNotes;
using PrimeTech.Billing.Invoices;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Money;

namespace PrimeTech.Billing.Payments;

/// <summary>What an admin asks to refund: units of lines, or an amount, or (neither) everything left.</summary>
internal sealed record RefundAsk(long? AmountPence, IReadOnlyList<UnitsAsk>? Lines)
{
    public RefundKind Kind => Lines is { Count: > 0 } ? RefundKind.Lines : AmountPence is not null ? RefundKind.Amount : RefundKind.Remainder;
}

internal sealed record UnitsAsk(string Sku, int Quantity, IReadOnlyList<string> LicenceKeys);

/// <summary>A licence of the order as Licensing reports it, for checking the admin's choice.</summary>
public sealed record RefundableLicence(string Key, string ProductSku, bool Revoked);

/// <summary>
/// The refund rules as plain functions (no I/O): what is left to refund, and what a refund credits,
/// line by line or VAT rate by VAT rate, so that every credited line has net + VAT = gross exactly
/// and, refund after refund, the credits never pass the invoice's net, VAT or gross at any VAT rate
/// (DECISIONS D-102). The last refund of a line or of a rate takes exactly what is left of it.
/// </summary>
internal static class RefundRules
{
    public static readonly ErrorCode ExceedsRefundable =
        new("REFUND_EXCEEDS_REFUNDABLE", 409, "The refund is more than is left to refund.");

    public static readonly ErrorCode LicencesInvalid =
        new("REFUND_LICENCES_INVALID", 422, "The licences chosen do not match the units refunded.");

    /// <summary>The paid amount less every refund that counts (Pending or Completed).</summary>
    public static long Refundable(long grossPence, IEnumerable<Refund> refunds) =>
        Math.Max(0, grossPence - refunds.Where(r => r.Counts).Sum(r => r.AmountPence));

    /// <summary>
    /// The VAT inside a VAT-inclusive amount: gross × rate / (100 + rate), rounded half-up to the
    /// penny; net is what is left, so net + VAT = gross exactly.
    /// </summary>
    public static (long Net, long Vat) SplitGross(long grossPence, decimal ratePercent)
    {
        var vat = (long)decimal.Round(grossPence * ratePercent / (100m + ratePercent), 0, MidpointRounding.AwayFromZero);
        return (grossPence - vat, vat);
    }

    /// <summary>What the refund credits, given the invoice and what earlier refunds (that count) credited.</summary>
    public static List<CreditLine> Plan(Invoice invoice, IReadOnlyList<CreditLine> credited, RefundAsk ask)
    {
        var refundable = invoice.GrossPence - credited.Sum(c => c.GrossPence);
        if (refundable <= 0)
            throw new DomainException(BillingErrors.RefundAlreadyRequested,
                $"Order {invoice.OrderNumber} has been refunded in full already.");
        return ask.Kind switch
        {
            RefundKind.Lines => ForUnits(invoice, credited, ask.Lines!),
            RefundKind.Amount => ForAmount(invoice, credited, ask.AmountPence!.Value),
            _ => Remainder(invoice, credited),
        };
    }

    /// <summary>
    /// Everything left: each line's remaining units when every earlier refund was by line, else what
    /// is left at each VAT rate.
    /// </summary>
    public static List<CreditLine> Remainder(Invoice invoice, IReadOnlyList<CreditLine> credited)
    {
        if (credited.Any(c => c.Sku is null))
            return Rates(invoice, credited)
                .Where(r => r.Gross > 0)
                .Select(r => AmountLine(r.Rate, r.Net, r.Vat))
                .ToList();

        var lines = new List<CreditLine>();
        foreach (var line in invoice.Lines)
        {
            var done = credited.Where(c => SameSku(c.Sku, line.Sku)).ToList();
            var units = line.Quantity - done.Sum(c => c.Quantity ?? 0);
            var net = line.NetPence - done.Sum(c => c.NetPence);
            var vat = line.VatPence - done.Sum(c => c.VatPence);
            if (units <= 0 && net + vat <= 0) continue;
            lines.Add(UnitsLine(line, Math.Max(units, 0), net, vat));
        }
        return lines;
    }

    /// <summary>
    /// An amount (VAT inclusive), shared between the VAT rates in proportion to what is left at each
    /// (largest remainder to the penny), then split into net and VAT by <see cref="SplitGross"/>,
    /// held within what is left of the rate's net and VAT. All that is left is <see cref="Remainder"/>.
    /// </summary>
    public static List<CreditLine> ForAmount(Invoice invoice, IReadOnlyList<CreditLine> credited, long amountPence)
    {
        var rates = Rates(invoice, credited).Where(r => r.Gross > 0).ToList();
        var left = rates.Sum(r => r.Gross);
        if (amountPence > left)
            throw Exceeds(left, $"{Vat.Pounds(amountPence)} is more than the {Vat.Pounds(left)} left to refund on order {invoice.OrderNumber}.");
        if (amountPence == left)
            return Remainder(invoice, credited);

        var shares = rates.Select(r => (Rate: r, Share: amountPence * r.Gross / left, Remainder: amountPence * r.Gross % left)).ToList();
        var leftover = amountPence - shares.Sum(s => s.Share);
        var order = shares.Select((s, i) => (s, i)).OrderByDescending(x => x.s.Remainder).ThenBy(x => x.i).Select(x => x.i).ToList();
        var amounts = shares.Select(s => s.Share).ToArray();
        for (var k = 0; k < leftover; k++) amounts[order[k]] += 1;

        var lines = new List<CreditLine>();
        for (var i = 0; i < rates.Count; i++)
        {
            if (amounts[i] == 0) continue;
            var rate = rates[i];
            if (amounts[i] == rate.Gross)
            {
                lines.Add(AmountLine(rate.Rate, rate.Net, rate.Vat));
                continue;
            }
            var (net, vat) = SplitGross(amounts[i], rate.Rate);
            if (vat > rate.Vat) (net, vat) = (amounts[i] - rate.Vat, rate.Vat);
            if (net > rate.Net) (net, vat) = (rate.Net, amounts[i] - rate.Net);
            lines.Add(AmountLine(rate.Rate, net, vat));
        }
        return lines;
    }

    /// <summary>
    /// Units of lines: a line's last units take exactly what is left of it; others are the unit
    /// price × units with VAT on that net, rounded half-up (held within the line's VAT left).
    /// </summary>
    public static List<CreditLine> ForUnits(Invoice invoice, IReadOnlyList<CreditLine> credited, IReadOnlyList<UnitsAsk> asks)
    {
        var lines = new List<CreditLine>();
        for (var i = 0; i < asks.Count; i++)
        {
            var ask = asks[i];
            var line = invoice.Lines.FirstOrDefault(l => SameSku(l.Sku, ask.Sku))
                       ?? throw DomainException.Validation($"lines[{i}].sku", $"Order {invoice.OrderNumber} has no line {ask.Sku.Trim()}");
            if (asks.Take(i).Any(a => SameSku(a.Sku, ask.Sku)))
                throw DomainException.Validation($"lines[{i}].sku", $"Name line {line.Sku} once");
            var done = credited.Where(c => SameSku(c.Sku, line.Sku)).ToList();
            var unitsLeft = line.Quantity - done.Sum(c => c.Quantity ?? 0);
            if (ask.Quantity > unitsLeft)
                throw Exceeds(Refundable(invoice, credited),
                    $"Line {line.Sku} has {unitsLeft} of {line.Quantity} units left to refund, not {ask.Quantity}.");
            var netLeft = line.NetPence - done.Sum(c => c.NetPence);
            var vatLeft = line.VatPence - done.Sum(c => c.VatPence);
            if (ask.Quantity == unitsLeft)
            {
                lines.Add(UnitsLine(line, ask.Quantity, netLeft, vatLeft));
                continue;
            }
            var net = Math.Min(line.UnitPriceNetPence * ask.Quantity, netLeft);
            lines.Add(UnitsLine(line, ask.Quantity, net, Math.Min(Vat.On(net, line.VatRatePercent), vatLeft)));
        }

        // Refunds by amount may already have credited part of a rate: units cannot credit it twice.
        foreach (var rate in Rates(invoice, credited))
        {
            var planned = lines.Where(l => l.VatRatePercent == rate.Rate).ToList();
            if (planned.Sum(l => l.NetPence) > rate.Net || planned.Sum(l => l.VatPence) > rate.Vat)
                throw Exceeds(Refundable(invoice, credited),
                    $"Earlier refunds by amount leave {Vat.Pounds(rate.Gross)} to refund at VAT {Rate(rate.Rate)}, less than these units.");
        }
        return lines;
    }

    /// <summary>
    /// The admin's licences for the refunded units: for a licensed line exactly one per unit, each
    /// a licence of that order and line, not revoked, not chosen by another refund; none for a line
    /// without licences. Field errors, or none.
    /// </summary>
    public static Dictionary<string, string[]> LicenceErrors(
        Invoice invoice, IReadOnlyList<UnitsAsk> asks, IReadOnlyList<RefundableLicence> licences, IReadOnlySet<string> chosenBefore)
    {
        var errors = new Dictionary<string, string[]>();
        for (var i = 0; i < asks.Count; i++)
        {
            var ask = asks[i];
            var line = invoice.Lines.FirstOrDefault(l => SameSku(l.Sku, ask.Sku));
            if (line is null) continue;
            var field = $"lines[{i}].licenceKeys";
            var keys = ask.LicenceKeys;
            if (!line.IsLicensed)
            {
                if (keys.Count > 0) errors[field] = [$"Line {line.Sku} has no licences to revoke"];
                continue;
            }
            var problems = new List<string>();
            if (keys.Count != ask.Quantity || keys.Distinct().Count() != keys.Count)
                problems.Add($"Choose {ask.Quantity} different licence{(ask.Quantity == 1 ? "" : "s")} of line {line.Sku} to revoke");
            foreach (var key in keys.Distinct())
            {
                var licence = licences.FirstOrDefault(l => l.Key == key);
                if (licence is null || !SameSku(licence.ProductSku, line.Sku))
                    problems.Add($"{key} is not a licence of line {line.Sku} of this order");
                else if (licence.Revoked)
                    problems.Add($"{key} is already revoked");
                else if (chosenBefore.Contains(key))
                    problems.Add($"{key} is revoked by an earlier refund");
            }
            if (problems.Count > 0) errors[field] = [.. problems];
        }
        return errors;
    }

    /// <summary>Per VAT rate of the invoice: what is left of its net, VAT and gross.</summary>
    public static List<(decimal Rate, long Net, long Vat, long Gross)> Rates(Invoice invoice, IReadOnlyList<CreditLine> credited) =>
        invoice.Lines.GroupBy(l => l.VatRatePercent)
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var done = credited.Where(c => c.VatRatePercent == g.Key).ToList();
                var net = g.Sum(l => l.NetPence) - done.Sum(c => c.NetPence);
                var vat = g.Sum(l => l.VatPence) - done.Sum(c => c.VatPence);
                return (g.Key, net, vat, net + vat);
            })
            .ToList();

    private static long Refundable(Invoice invoice, IReadOnlyList<CreditLine> credited) => invoice.GrossPence - credited.Sum(c => c.GrossPence);

    private static DomainException Exceeds(long refundable, string detail) =>
        new(ExceedsRefundable, detail, extensions: new Dictionary<string, string>
        {
            ["refundablePence"] = refundable.ToString(CultureInfo.InvariantCulture),
        });

    private static bool SameSku(string? a, string? b) =>
        a is not null && b is not null && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    private static CreditLine UnitsLine(InvoiceLine line, int units, long net, long vat) => new()
    {
        Sku = line.Sku,
        Description = line.Name,
        Quantity = units,
        UnitPriceNetPence = line.UnitPriceNetPence,
        VatRatePercent = line.VatRatePercent,
        NetPence = net,
        VatPence = vat,
        GrossPence = net + vat,
    };

    private static CreditLine AmountLine(decimal rate, long net, long vat) => new()
    {
        Description = $"Amount refunded at VAT {Rate(rate)}",
        VatRatePercent = rate,
        NetPence = net,
        VatPence = vat,
        GrossPence = net + vat,
    };

    private static string Rate(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
