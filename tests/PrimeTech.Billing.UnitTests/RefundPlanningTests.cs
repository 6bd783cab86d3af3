using PrimeTech.Billing.CreditNotes;
using PrimeTech.BuildingBlocks.Errors;
using static PrimeTech.Billing.UnitTests.Given;

namespace PrimeTech.Billing.UnitTests;

/// <summary>What is left to refund, and what a refund by amount, by units or of the remainder credits (D-102).</summary>
public sealed class RefundPlanningTests
{
    private static readonly Invoice TwoRates = TwoRateInvoice();

    [Theory]
    [InlineData(1, 20, 1, 0)]
    [InlineData(6, 20, 5, 1)]
    [InlineData(1000, 20, 833, 167)]
    [InlineData(1050, 5, 1000, 50)]
    [InlineData(999, 0, 999, 0)]
    [InlineData(5999, 20, 4999, 1000)]
    public void VAT_inside_an_amount_is_rounded_half_up_and_net_is_the_rest(long gross, int rate, long net, long vat) =>
        Assert.Equal((net, vat), RefundRules.SplitGross(gross, rate));

    [Theory]
    [InlineData(1)]
    [InlineData(7)]
    [InlineData(1001)]
    [InlineData(2500)]
    [InlineData(4124)]
    public void An_amount_is_shared_between_VAT_rates_and_every_line_adds_up_exactly(long amount)
    {
        var lines = RefundRules.ForAmount(TwoRates, [], amount);

        Assert.Equal(amount, lines.Sum(l => l.GrossPence));
        Assert.All(lines, l => Assert.Equal(l.GrossPence, l.NetPence + l.VatPence));
        Assert.All(lines, l => Assert.Null(l.Sku));
    }

    [Fact]
    public void Refund_after_refund_by_amount_never_credits_more_than_the_invoice_at_any_rate_and_the_last_takes_exactly_what_is_left()
    {
        var credited = new List<CreditLine>();
        foreach (var amount in new long[] { 333, 1, 999, 17 })
            credited.AddRange(RefundRules.ForAmount(TwoRates, credited, amount));
        credited.AddRange(RefundRules.Remainder(TwoRates, credited));

        foreach (var rate in new[] { 20m, 5m })
        {
            var lines = TwoRates.Lines.Where(l => l.VatRatePercent == rate).ToList();
            Assert.Equal(lines.Sum(l => l.NetPence), credited.Where(c => c.VatRatePercent == rate).Sum(c => c.NetPence));
            Assert.Equal(lines.Sum(l => l.VatPence), credited.Where(c => c.VatRatePercent == rate).Sum(c => c.VatPence));
        }
        Assert.Equal(TwoRates.GrossPence, credited.Sum(c => c.GrossPence));
        Assert.DoesNotContain(RefundRules.Rates(TwoRates, credited), r => r.Gross != 0);
    }

    [Fact]
    public void Units_are_credited_at_the_unit_price_and_the_last_units_of_a_line_take_what_is_left()
    {
        var first = RefundRules.ForUnits(TwoRates, [], [new UnitsAsk("pt-suite", 1, [])]);
        Assert.Equal(("PT-SUITE", 1, 1000L, 200L, 1200L), (first[0].Sku, first[0].Quantity!.Value, first[0].NetPence, first[0].VatPence, first[0].GrossPence));

        var rest = RefundRules.ForUnits(TwoRates, first, [new UnitsAsk("PT-SUITE", 2, []), new UnitsAsk("PT-GUIDE", 1, [])]);
        Assert.Equal((2000L, 400L), (rest[0].NetPence, rest[0].VatPence));
        Assert.Equal((500L, 25L, 525L), (rest[1].NetPence, rest[1].VatPence, rest[1].GrossPence));
        Assert.Equal(TwoRates.GrossPence, first.Concat(rest).Sum(l => l.GrossPence));
    }

    [Fact]
    public void Units_whose_VAT_rounds_up_one_by_one_never_credit_more_VAT_than_the_line_has()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        invoice.Lines = [new InvoiceLine { Sku = "PT-TINY", Name = "Tiny", Quantity = 4, UnitPriceNetPence = 3, VatRatePercent = 20m, NetPence = 12, VatPence = 2, GrossPence = 14 }];
        invoice.NetPence = 12;
        invoice.VatPence = 2;
        invoice.GrossPence = 14;

        var credited = new List<CreditLine>();
        for (var i = 0; i < 4; i++)
            credited.AddRange(RefundRules.ForUnits(invoice, credited, [new UnitsAsk("PT-TINY", 1, [])]));

        Assert.Equal((12L, 2L, 14L), (credited.Sum(c => c.NetPence), credited.Sum(c => c.VatPence), credited.Sum(c => c.GrossPence)));
        Assert.All(credited, c => Assert.True(c.VatPence >= 0));
    }

    [Fact]
    public void More_than_is_left_is_refused_with_what_is_left()
    {
        var byAmount = Assert.Throws<DomainException>(() => RefundRules.ForAmount(TwoRates, [], TwoRates.GrossPence + 1));
        Assert.Equal(("REFUND_EXCEEDS_REFUNDABLE", "4125"), (byAmount.Error.Code, byAmount.Extensions["refundablePence"]));

        var byUnits = Assert.Throws<DomainException>(() => RefundRules.ForUnits(TwoRates, [], [new UnitsAsk("PT-SUITE", 4, [])]));
        Assert.Equal(RefundRules.ExceedsRefundable, byUnits.Error);

        var all = RefundRules.Remainder(TwoRates, []);
        var nothingLeft = Assert.Throws<DomainException>(() => RefundRules.Plan(TwoRates, all, new RefundAsk(null, null)));
        Assert.Equal(BillingErrors.RefundAlreadyRequested, nothingLeft.Error);

        var unknown = Assert.Throws<DomainException>(() => RefundRules.ForUnits(TwoRates, [], [new UnitsAsk("PT-NONE", 1, [])]));
        Assert.Equal("lines[0].sku", Assert.Single(unknown.Errors).Key);
    }

    [Fact]
    public void What_is_left_counts_pending_and_completed_refunds_but_not_failed_ones()
    {
        Refund[] refunds =
        [
            new() { AmountPence = 100, Status = RefundStatus.Completed },
            new() { AmountPence = 200, Status = RefundStatus.Pending },
            new() { AmountPence = 400, Status = RefundStatus.Failed },
        ];
        Assert.Equal(1000 - 300, RefundRules.Refundable(1000, refunds));
    }

    [Fact]
    public void The_licences_chosen_must_be_the_lines_own_active_licences_one_per_unit()
    {
        RefundableLicence[] licences =
        [
            new("LIC-AAAA-AAAA-AAAA", "PT-SUITE", false),
            new("LIC-BBBB-BBBB-BBBB", "PT-SUITE", false),
            new("LIC-CCCC-CCCC-CCCC", "PT-SUITE", true),
            new("LIC-DDDD-DDDD-DDDD", "PT-OTHER", false),
        ];
        var none = new HashSet<string>();

        Assert.Empty(RefundRules.LicenceErrors(TwoRates, [new UnitsAsk("PT-SUITE", 2, ["LIC-AAAA-AAAA-AAAA", "LIC-BBBB-BBBB-BBBB"])], licences, none));
        Assert.Contains("Choose 2 different licences", RefundRules.LicenceErrors(TwoRates,
            [new UnitsAsk("PT-SUITE", 2, ["LIC-AAAA-AAAA-AAAA"])], licences, none)["lines[0].licenceKeys"][0]);
        Assert.Contains("already revoked", RefundRules.LicenceErrors(TwoRates,
            [new UnitsAsk("PT-SUITE", 1, ["LIC-CCCC-CCCC-CCCC"])], licences, none)["lines[0].licenceKeys"][0]);
        Assert.Contains("is not a licence of line PT-SUITE", RefundRules.LicenceErrors(TwoRates,
            [new UnitsAsk("PT-SUITE", 1, ["LIC-DDDD-DDDD-DDDD"])], licences, none)["lines[0].licenceKeys"][0]);
        Assert.Contains("earlier refund", RefundRules.LicenceErrors(TwoRates,
            [new UnitsAsk("PT-SUITE", 1, ["LIC-AAAA-AAAA-AAAA"])], licences, new HashSet<string> { "LIC-AAAA-AAAA-AAAA" })["lines[0].licenceKeys"][0]);
        Assert.Contains("has no licences", RefundRules.LicenceErrors(TwoRates,
            [new UnitsAsk("PT-GUIDE", 1, ["LIC-AAAA-AAAA-AAAA"])], licences, none)["lines[0].licenceKeys"][0]);
    }
}
