using PrimeTech.Billing.Buyers;
using PrimeTech.Billing.Contracts;

namespace PrimeTech.Web.Pages.Account;

/// <summary>The billing details fields (<c>Pages/Shared/_BillingDetailsFields.cshtml</c>) of the account's billing page and the cart.</summary>
public sealed class BillingDetailsForm
{
    /// <summary>The model-state prefix of the fields on both pages.</summary>
    public const string Prefix = "Billing";

    public string? Name { get; set; }
    public string? CompanyName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? Postcode { get; set; }
    public string? Country { get; set; } = Countries.UnitedKingdom;
    public string? VatNumber { get; set; }

    /// <summary>The saved details, or an empty form for the UK with the account's name.</summary>
    public static BillingDetailsForm From(BillingDetails? saved, string? accountName) => saved is null
        ? new BillingDetailsForm { Name = accountName }
        : new BillingDetailsForm
        {
            Name = saved.Name,
            CompanyName = saved.CompanyName,
            AddressLine1 = saved.AddressLine1,
            AddressLine2 = saved.AddressLine2,
            City = saved.City,
            Postcode = saved.Postcode,
            Country = saved.Country,
            VatNumber = saved.VatNumber,
        };

    public SaveBillingDetails For(Guid customerId) =>
        new(customerId, Name, CompanyName, AddressLine1, AddressLine2, City, Postcode, Country, VatNumber);
}
