namespace PrimeTech.Billing.Contracts;

/// <summary>
/// <c>{ name, companyName?, addressLine1, addressLine2?, city, postcode?, country, vatNumber? }</c>:
/// whom an invoice is made out to. Country is ISO 3166-1 alpha-2; the VAT number, when given, is a
/// UK (GB, XI) or EU number in its normalised form (no spaces, upper-case, country prefix first).
/// </summary>
public sealed record BillingDetails(
    string Name,
    string? CompanyName,
    string AddressLine1,
    string? AddressLine2,
    string City,
    string? Postcode,
    string Country,
    string? VatNumber);

/// <summary>
/// The billing details a checkout snapshots onto its order and invoice: the customer's saved
/// details, checked against the current rules. Answered with <see cref="BillingDetails"/>;
/// BILLING_DETAILS_REQUIRED (409) when there are none, or they no longer pass.
/// </summary>
public sealed record GetCheckoutBillingDetails(Guid CustomerId);
