using PrimeTech.Billing.Buyers;
using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Documents;

namespace PrimeTech.Billing.Invoices;

/// <summary>
/// A VAT invoice, issued when its order is placed (Policy B). Its number, parties, lines and
/// amounts never change; only its status moves Issued → Paid or Issued → Void, and each status
/// gets a freshly rendered PDF revision (older PDFs are kept).
/// </summary>
public sealed class Invoice
{
    public const string NumberPrefix = "INV";

    public Guid Id { get; set; }
    public string Number { get; set; } = "";
    public Guid OrderId { get; set; }
    public string OrderNumber { get; set; } = "";
    public Guid CustomerId { get; set; }
    public InvoiceSeller Seller { get; set; } = new();
    public InvoiceBuyer Buyer { get; set; } = new();
    public List<InvoiceLine> Lines { get; set; } = [];
    public long NetPence { get; set; }
    public long VatPence { get; set; }
    public long GrossPence { get; set; }
    public string Currency { get; set; } = "GBP";
    public InvoiceStatus Status { get; set; }
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset? PaidAt { get; set; }
    public DateTimeOffset? VoidedAt { get; set; }
    public List<InvoicePdf> Pdfs { get; set; } = [];

    /// <summary>Payments that could not be accepted as they came (wrong amount, paid after void), for an admin.</summary>
    public List<PaymentAnomaly> Anomalies { get; set; } = [];

    /// <summary>Refunds Stripe reported before the payment was confirmed here; credited right after the receipt.</summary>
    public EarlyRefund? EarlyRefund { get; set; }

    /// <summary>The newest revision whose PDF is stored: the one downloads serve.</summary>
    public InvoicePdf? LatestStoredPdf() =>
        Pdfs.Where(p => p.StoredAt is not null).OrderByDescending(p => p.Revision).FirstOrDefault();

    public string FileName() => $"{Number}.pdf";

    /// <summary>
    /// The tax point (time of supply): the issue date. The invoice is issued at checkout, before the
    /// payment and before the software is supplied, and an invoice issued before the basic tax point
    /// fixes it (HMRC VAT Notice 700, section 14; D-093).
    /// </summary>
    public DateTimeOffset TaxPoint() => IssuedAt;

    /// <summary>Moves to Void (a cancelled order) and asks for a PDF that says so. False if not Issued.</summary>
    public bool TryVoid(DateTimeOffset now, out InvoicePdf? pdf)
    {
        pdf = null;
        if (Status != InvoiceStatus.Issued) return false;
        Status = InvoiceStatus.Void;
        VoidedAt = now;
        pdf = RequestPdf(now);
        return true;
    }

    /// <summary>Issued → Paid, with a PDF revision that says so. False if not Issued.</summary>
    public bool TryMarkPaid(DateTimeOffset paidAt, DateTimeOffset now, out InvoicePdf? pdf)
    {
        pdf = null;
        if (Status != InvoiceStatus.Issued) return false;
        Status = InvoiceStatus.Paid;
        PaidAt = paidAt;
        pdf = RequestPdf(now);
        return true;
    }

    /// <summary>Adds a PDF revision showing the current status; the render handler fills it in.</summary>
    public InvoicePdf RequestPdf(DateTimeOffset now)
    {
        var pdf = new InvoicePdf
        {
            DocumentId = Guid.NewGuid(),
            Revision = Pdfs.Count == 0 ? 1 : Pdfs.Max(p => p.Revision) + 1,
            StatusShown = Status,
            RequestedAt = now,
        };
        Pdfs.Add(pdf);
        return pdf;
    }
}

public enum InvoiceStatus
{
    Issued,
    Paid,
    Void,
}

public sealed class InvoiceSeller
{
    public string Name { get; set; } = "";
    public List<string> AddressLines { get; set; } = [];
    public string VatNumber { get; set; } = "";
    public string Email { get; set; } = "";
}

/// <summary>
/// Whom the invoice is made out to: the customer's email, and the billing details snapshotted at
/// checkout (D-092). Invoices issued before billing details were collected have only the name and
/// email, and their billing fields are null.
/// </summary>
public sealed class InvoiceBuyer
{
    public string Name { get; set; } = "";
    public string Email { get; set; } = "";
    public string? CompanyName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? Postcode { get; set; }
    /// <summary>ISO 3166-1 alpha-2.</summary>
    public string? Country { get; set; }
    public string? VatNumber { get; set; }

    public static InvoiceBuyer From(string name, string email, BillingDetails? details) => details is null
        ? new InvoiceBuyer { Name = name, Email = email }
        : new InvoiceBuyer
        {
            Name = details.Name,
            Email = email,
            CompanyName = details.CompanyName,
            AddressLine1 = details.AddressLine1,
            AddressLine2 = details.AddressLine2,
            City = details.City,
            Postcode = details.Postcode,
            Country = details.Country,
            VatNumber = details.VatNumber,
        };

    /// <summary>The postal address as printed: line 1, line 2, town or city, postcode, country name.</summary>
    public IReadOnlyList<string> AddressLines() =>
        [.. new[] { AddressLine1, AddressLine2, City, Postcode, Country is null ? null : Countries.NameOf(Country) }
            .Where(l => !string.IsNullOrEmpty(l)).Select(l => l!)];
}

public sealed class InvoiceLine
{
    public Guid ProductId { get; set; }
    public string Sku { get; set; } = "";
    public string Name { get; set; } = "";
    public bool IsLicensed { get; set; }
    public int Quantity { get; set; }
    public long UnitPriceNetPence { get; set; }
    public decimal VatRatePercent { get; set; }
    public long NetPence { get; set; }
    public long VatPence { get; set; }
    public long GrossPence { get; set; }
}

/// <summary>One rendering of the invoice. Location fields are filled when Storage has stored it.</summary>
public sealed class InvoicePdf : IStoredPdf
{
    public Guid DocumentId { get; set; }
    public int Revision { get; set; }
    public InvoiceStatus StatusShown { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StoredAt { get; set; }
    public string? Bucket { get; set; }
    public string? ObjectKey { get; set; }
    public long? SizeBytes { get; set; }
    public string? Sha256 { get; set; }
}

public sealed class PaymentAnomaly
{
    public DateTimeOffset At { get; set; }
    public PaymentAnomalyKind Kind { get; set; }
    public string Detail { get; set; } = "";
    public string EventId { get; set; } = "";
}

public enum PaymentAnomalyKind
{
    /// <summary>Stripe's amount or currency differs from the invoice: nothing was issued.</summary>
    AmountMismatch,

    /// <summary>Paid after the order was cancelled (invoice void): refund it in Stripe.</summary>
    PaidAfterVoid,

    /// <summary>A second, different payment for an invoice already paid: refund it in Stripe.</summary>
    DuplicatePayment,
}

/// <summary>The first <c>charge.refunded</c> that came before the payment's confirmation, and every refund Stripe listed by then.</summary>
public sealed class EarlyRefund
{
    public string EventId { get; set; } = "";
    public long AmountPence { get; set; }
    public DateTimeOffset At { get; set; }
    public List<EarlyStripeRefund> Refunds { get; set; } = [];
}

public sealed class EarlyStripeRefund
{
    public string Id { get; set; } = "";
    public long AmountPence { get; set; }
    public DateTimeOffset At { get; set; }
}

/// <summary>
/// An order cancelled before its invoice existed (the invoice's issue was delayed by a failure).
/// The invoice is then issued already Void, so every order still has exactly one invoice.
/// </summary>
public sealed class CancelledBeforeInvoice
{
    /// <summary>The order id.</summary>
    public Guid Id { get; set; }
    public DateTimeOffset CancelledAt { get; set; }
}
