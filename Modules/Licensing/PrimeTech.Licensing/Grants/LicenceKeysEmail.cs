using System.Net;
using System.Text;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Licensing.Grants;

/// <summary>"Your licence keys for order {ORD}" (CODEX_HANDOFF §11): each product and its keys, with links to the account.</summary>
public static class LicenceKeysEmail
{
    public static OutgoingEmail Compose(PaymentConfirmed paid, IReadOnlyList<Licence> licences, SiteOptions site)
    {
        var subject = $"Your licence keys for order {paid.OrderNumber}";
        var licencesUrl = site.Absolute("/account/licences");
        var downloadsUrl = site.Absolute("/account/downloads");
        var byProduct = licences.GroupBy(l => l.ProductName).ToList();

        var text = new StringBuilder()
            .Append("Hello ").Append(paid.CustomerName).Append(",\n\n")
            .Append("Thank you for your order ").Append(paid.OrderNumber).Append(". Here are your licence keys. ")
            .Append("Each key activates the software on one computer.\n\n");
        foreach (var product in byProduct)
        {
            text.Append(product.Key).Append(":\n");
            foreach (var licence in product) text.Append("  ").Append(licence.Key).Append('\n');
            text.Append('\n');
        }
        text.Append("Your licences, and the machine each one is activated on:\n").Append(licencesUrl).Append("\n\n")
            .Append("Download the software:\n").Append(downloadsUrl).Append("\n\n")
            .Append("Keep this email safe: anyone with a key can activate it.\n\n")
            .Append("Prime Tech Services\n");

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>").Append(Encode(subject))
            .Append("</title></head><body style=\"font-family:Arial,sans-serif;color:#1b2430\">")
            .Append("<p>Hello ").Append(Encode(paid.CustomerName)).Append(",</p>")
            .Append("<p>Thank you for your order ").Append(Encode(paid.OrderNumber)).Append(". Here are your licence keys. ")
            .Append("Each key activates the software on one computer.</p>");
        foreach (var product in byProduct)
        {
            html.Append("<h2 style=\"font-size:16px\">").Append(Encode(product.Key)).Append("</h2><ul>");
            foreach (var licence in product) html.Append("<li><code>").Append(Encode(licence.Key)).Append("</code></li>");
            html.Append("</ul>");
        }
        html.Append("<p><a href=\"").Append(Encode(licencesUrl)).Append("\">Your licences</a>, and the machine each one is activated on.</p>")
            .Append("<p><a href=\"").Append(Encode(downloadsUrl)).Append("\">Download the software</a>.</p>")
            .Append("<p>Keep this email safe: anyone with a key can activate it.</p>")
            .Append("<p>Prime Tech Services</p></body></html>");

        return new OutgoingEmail(paid.CustomerEmail, subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
