using System.Globalization;

namespace PrimeTech.Web.Pages;

/// <summary>Statuses in words and badge colours, VAT rates, as every shop page shows them (FRONTEND_HANDOFF §1.3).</summary>
public static class Display
{
    public static string OrderStatus(string status) => status switch
    {
        "PendingPayment" => "Pending payment",
        "PartiallyRefunded" => "Partly refunded",
        _ => status,
    };

    public static string InvoiceStatus(string status) => status;

    /// <summary>The badge class: never colour alone, the word is always in the badge.</summary>
    public static string Badge(string status) => status switch
    {
        "Paid" or "Issued" => "badge badge-ok",
        "PendingPayment" or "PartiallyRefunded" => "badge badge-warn",
        "Cancelled" or "Refunded" or "Void" => "badge badge-error",
        _ => "badge",
    };

    /// <summary>20% · 12.5% — no decimals unless needed.</summary>
    public static string Rate(decimal percent) => percent.ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Date(DateTimeOffset utc) => BuildingBlocks.Time.London.Format(utc, "d MMMM yyyy");

    public static string DateTime(DateTimeOffset utc) => BuildingBlocks.Time.London.Format(utc, "d MMMM yyyy, HH:mm");

    /// <summary>3 Feb 2026, 14:05:09 — the webhook log's form.</summary>
    public static string Seconds(DateTimeOffset utc) => BuildingBlocks.Time.London.Format(utc, "d MMM yyyy, HH:mm:ss");

    /// <summary>A Stripe event's outcome in words.</summary>
    public static string Outcome(string outcome) => outcome switch
    {
        "NoChange" => "No change",
        "AmountMismatch" => "Amount mismatch",
        "NeedsAttention" => "Needs attention",
        _ => outcome,
    };

    public static string OutcomeBadge(string outcome) => outcome switch
    {
        "Processed" => "badge badge-ok",
        "NoChange" or "Unhandled" => "badge",
        "AmountMismatch" or "NeedsAttention" => "badge badge-warn",
        "Failed" => "badge badge-error",
        _ => "badge",
    };
}

public static class Links
{
    /// <summary>A path with the non-empty query parameters, e.g. for the pages of a filtered list.</summary>
    public static string WithQuery(string path, params (string Name, string? Value)[] parameters) =>
        path + Microsoft.AspNetCore.Http.QueryString.Create(parameters
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
}

/// <summary>Links to the other pages of a paged list.</summary>
public sealed record Pagination(int Page, int PageCount, Func<int, string> Url);
