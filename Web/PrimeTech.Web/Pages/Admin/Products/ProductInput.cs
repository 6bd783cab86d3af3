using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using PrimeTech.Ordering.Catalogue;

namespace PrimeTech.Web.Pages.Admin.Products;

/// <summary>The admin product form: prices typed in pounds, turned into pence for the same commands the API takes.</summary>
public sealed partial class ProductInput
{
    public string? Sku { get; set; }
    public string? Slug { get; set; }
    public string? Name { get; set; }
    public string? Summary { get; set; }
    public string? DescriptionMarkdown { get; set; }
    public string? Price { get; set; }
    public string? VatRate { get; set; } = "20";
    public bool IsLicensed { get; set; }
    public bool IsActive { get; set; } = true;

    /// <summary>The API's field names, mapped onto this form's inputs.</summary>
    public static readonly IReadOnlyDictionary<string, string> Fields = new Dictionary<string, string>
    {
        ["unitPriceNetPence"] = "Input.Price",
        ["vatRatePercent"] = "Input.VatRate",
    };

    public static ProductInput From(AdminProduct p) => new()
    {
        Sku = p.Sku,
        Slug = p.Slug,
        Name = p.Name,
        Summary = p.Summary,
        DescriptionMarkdown = p.DescriptionMarkdown,
        Price = (p.UnitPriceNetPence / 100m).ToString("0.00", CultureInfo.InvariantCulture),
        VatRate = p.VatRatePercent.ToString("0.##", CultureInfo.InvariantCulture),
        IsLicensed = p.IsLicensed,
        IsActive = p.IsActive,
    };

    /// <summary>
    /// Pence from "49.99"; null with a form error if it is not pounds and pence. An empty field is
    /// left to the command's own "Enter a price".
    /// </summary>
    public long? PricePence(ModelStateDictionary modelState)
    {
        var text = Price?.Trim();
        if (string.IsNullOrEmpty(text)) return null;
        if (!PoundsAndPence().IsMatch(text))
        {
            modelState.AddModelError("Input.Price", "Enter a price in pounds and pence, like 49.99");
            return null;
        }
        return (long)(decimal.Parse(text, CultureInfo.InvariantCulture) * 100);
    }

    public decimal? VatRatePercent(ModelStateDictionary modelState)
    {
        var text = VatRate?.Trim().TrimEnd('%');
        if (string.IsNullOrEmpty(text)) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var rate)) return rate;
        modelState.AddModelError("Input.VatRate", "VAT rate must be a number from 0 to 100, with up to 2 decimal places");
        return null;
    }

    [GeneratedRegex(@"^\d{1,7}(\.\d{1,2})?$")]
    private static partial Regex PoundsAndPence();
}
