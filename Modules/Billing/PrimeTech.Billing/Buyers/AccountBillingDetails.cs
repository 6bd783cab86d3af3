using PrimeTech.Billing.Contracts;

namespace PrimeTech.Billing.Buyers;

/// <summary>
/// The billing details a customer keeps on their account (one per customer, id = user id). A
/// checkout copies them onto the order and the invoice; changing them later changes neither.
/// </summary>
public sealed class AccountBillingDetails
{
    public Guid Id { get; set; }
    public string Name { get; set; } = "";
    public string? CompanyName { get; set; }
    public string AddressLine1 { get; set; } = "";
    public string? AddressLine2 { get; set; }
    public string City { get; set; } = "";
    public string? Postcode { get; set; }
    public string Country { get; set; } = "";
    public string? VatNumber { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public BillingDetails View() => new(Name, CompanyName, AddressLine1, AddressLine2, City, Postcode, Country, VatNumber);
}
