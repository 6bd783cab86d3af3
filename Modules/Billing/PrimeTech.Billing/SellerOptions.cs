using System.ComponentModel.DataAnnotations;

namespace PrimeTech.Billing;

/// <summary>The company that issues invoices and receipts, as printed on them (snapshot at issue).</summary>
public sealed class SellerOptions
{
    public const string Section = "Seller";

    [Required] public string Name { get; set; } = "";

    [Required, MinLength(1, ErrorMessage = "Seller:AddressLines needs at least one line.")]
    public List<string> AddressLines { get; set; } = [];

    [Required, RegularExpression(@"^GB(\d{9}|\d{12})$", ErrorMessage = "Seller:VatNumber must look like GB123456789.")]
    public string VatNumber { get; set; } = "";

    [Required, EmailAddress] public string Email { get; set; } = "";
}
