using Stripe;
using Stripe.Checkout;
using Invoice = PrimeTech.Billing.Invoices.Invoice;

namespace PrimeTech.Billing.UnitTests;

/// <summary>Invoices, checkout sessions and Stripe events as the Load step would hand them to the rules.</summary>
internal static class Given
{
    public static readonly DateTimeOffset Now = new(2026, 6, 1, 12, 0, 0, TimeSpan.Zero);
    public static readonly DateTime StripeCreated = new(2026, 6, 1, 11, 59, 0, DateTimeKind.Utc);
    public const long Gross = 5999;

    public static Invoice Invoice(InvoiceStatus status = InvoiceStatus.Issued)
    {
        var invoice = new Invoice
        {
            Id = Guid.NewGuid(),
            Number = "INV-2026-000042",
            OrderId = Guid.NewGuid(),
            OrderNumber = "ORD-20260601-ABCD",
            CustomerId = Guid.NewGuid(),
            Buyer = new InvoiceBuyer { Name = "Ada Buyer", Email = "ada@example.test" },
            Lines =
            [
                new InvoiceLine
                {
                    ProductId = Guid.NewGuid(), Sku = "PT-EDITOR", Name = "Editor", IsLicensed = true, Quantity = 1,
                    UnitPriceNetPence = 4999, VatRatePercent = 20m, NetPence = 4999, VatPence = 1000, GrossPence = Gross,
                },
            ],
            NetPence = 4999,
            VatPence = 1000,
            GrossPence = Gross,
            Status = InvoiceStatus.Issued,
            IssuedAt = Now.AddMinutes(-10),
        };
        invoice.RequestPdf(invoice.IssuedAt);
        if (status == InvoiceStatus.Paid) invoice.TryMarkPaid(Now.AddMinutes(-5), Now.AddMinutes(-5), out _);
        if (status == InvoiceStatus.Void) invoice.TryVoid(Now.AddMinutes(-5), out _);
        return invoice;
    }

    public static CheckoutSessionRecord Record(Invoice invoice, string id = "cs_test_1",
        CheckoutSessionStatus status = CheckoutSessionStatus.Open, DateTimeOffset? expiresAt = null) => new()
    {
        Id = id,
        InvoiceId = invoice.Id,
        InvoiceNumber = invoice.Number,
        OrderNumber = invoice.OrderNumber,
        Url = $"https://checkout.example.test/{id}",
        Status = status,
        CreatedAt = Now.AddMinutes(-9),
        ExpiresAt = expiresAt ?? Now.AddHours(23),
    };

    public static Receipt Receipt(Invoice invoice, string paymentIntentId = "pi_test_1") => new()
    {
        Id = Guid.NewGuid(),
        Number = "RCP-2026-000007",
        OrderId = invoice.OrderId,
        CustomerId = invoice.CustomerId,
        OrderNumber = invoice.OrderNumber,
        InvoiceNumber = invoice.Number,
        PaymentIntentId = paymentIntentId,
        AmountPence = invoice.GrossPence,
        PaidAt = Now.AddMinutes(-5),
        IssuedAt = Now.AddMinutes(-5),
    };

    public static Session Session(Invoice? invoice, string paymentStatus = "paid", string? paymentIntentId = "pi_test_1",
        long? amount = Gross, string currency = "gbp", string id = "cs_test_1") => new()
    {
        Id = id,
        PaymentStatus = paymentStatus,
        PaymentIntentId = paymentIntentId,
        AmountTotal = amount,
        Currency = currency,
        Metadata = invoice is null
            ? new Dictionary<string, string>()
            : new Dictionary<string, string> { ["order_number"] = invoice.OrderNumber, ["invoice_number"] = invoice.Number },
    };

    public static Charge FullRefund(string paymentIntentId = "pi_test_1", bool refunded = true, long amountRefunded = Gross) => new()
    {
        Id = "ch_test_1",
        PaymentIntentId = paymentIntentId,
        Refunded = refunded,
        AmountRefunded = amountRefunded,
    };

    /// <summary>A refund of the charge as the Load step hands it over (Stripe's list).</summary>
    public static StripeRefundSeen StripeRefund(string id = "re_test_1", long amount = Gross, Guid? refundId = null, int secondsAfter = 0) =>
        new(id, amount, refundId, Now.AddMinutes(-1).AddSeconds(secondsAfter));

    /// <summary>An invoice of two lines at two VAT rates: 3 × £10.00 at 20% and 1 × £5.00 at 5%.</summary>
    public static Invoice TwoRateInvoice()
    {
        var invoice = Invoice(InvoiceStatus.Paid);
        invoice.Lines =
        [
            new InvoiceLine
            {
                ProductId = Guid.NewGuid(), Sku = "PT-SUITE", Name = "Suite", IsLicensed = true, Quantity = 3,
                UnitPriceNetPence = 1000, VatRatePercent = 20m, NetPence = 3000, VatPence = 600, GrossPence = 3600,
            },
            new InvoiceLine
            {
                ProductId = Guid.NewGuid(), Sku = "PT-GUIDE", Name = "Guide", IsLicensed = false, Quantity = 1,
                UnitPriceNetPence = 500, VatRatePercent = 5m, NetPence = 500, VatPence = 25, GrossPence = 525,
            },
        ];
        invoice.NetPence = 3500;
        invoice.VatPence = 625;
        invoice.GrossPence = 4125;
        return invoice;
    }

    public static Event Event(string type, IHasObject dataObject, string id = "evt_test_1") => new()
    {
        Id = id,
        Type = type,
        Created = StripeCreated,
        Data = new EventData { Object = dataObject },
    };

    public static PaymentDecision Decide(Event stripeEvent, PaymentState state) => PaymentRules.Decide(stripeEvent, state, Now);
}
