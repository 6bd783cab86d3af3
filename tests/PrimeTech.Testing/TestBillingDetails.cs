using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using PrimeTech.Billing.Buyers;
using PrimeTech.Billing.Contracts;
using Wolverine;

namespace PrimeTech.Testing;

/// <summary>
/// Billing details a test customer checks out with (checkout refuses without them): saved through
/// Billing's message, <c>PUT /api/account/billing-details</c>, or the cart page's form fields.
/// </summary>
public static class TestBillingDetails
{
    /// <summary>A UK business with a VAT number (not the seller's example number).</summary>
    public static readonly BillingDetailsRequest Business = new(
        "Ada Lovelace", "Analytical Engines Ltd", "12 Babbage Street", "Marylebone", "London", "NW1 6XE", "GB", "GB987654321");

    /// <summary>The JSON body of <c>PUT /api/account/billing-details</c>.</summary>
    public static object Json(BillingDetailsRequest? details = null)
    {
        var d = details ?? Business;
        return new
        {
            name = d.Name, companyName = d.CompanyName, addressLine1 = d.AddressLine1, addressLine2 = d.AddressLine2,
            city = d.City, postcode = d.Postcode, country = d.Country, vatNumber = d.VatNumber,
        };
    }

    /// <summary>The billing fields of the cart page's checkout form (and <c>/account/billing</c>).</summary>
    public static Dictionary<string, string> FormFields(BillingDetailsRequest? details = null)
    {
        var d = details ?? Business;
        return new Dictionary<string, string>
        {
            ["Billing.Name"] = d.Name ?? "",
            ["Billing.CompanyName"] = d.CompanyName ?? "",
            ["Billing.AddressLine1"] = d.AddressLine1 ?? "",
            ["Billing.AddressLine2"] = d.AddressLine2 ?? "",
            ["Billing.City"] = d.City ?? "",
            ["Billing.Postcode"] = d.Postcode ?? "",
            ["Billing.Country"] = d.Country ?? "",
            ["Billing.VatNumber"] = d.VatNumber ?? "",
        };
    }

    /// <summary>The cart page's checkout form: the cart revision shown and the billing fields.</summary>
    public static Dictionary<string, string> CheckoutForm(string cartRevision, BillingDetailsRequest? details = null) =>
        new(FormFields(details)) { ["cartRevision"] = cartRevision };

    /// <summary>Fills the billing fields of the page's form (the cart page, <c>/account/billing</c>) in the browser.</summary>
    public static async Task FillAsync(IPage page, BillingDetailsRequest? details = null)
    {
        var d = details ?? Business;
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(d.Name ?? "");
        await page.GetByLabel("Company name (optional)").FillAsync(d.CompanyName ?? "");
        await page.GetByLabel("Address line 1").FillAsync(d.AddressLine1 ?? "");
        await page.GetByLabel("Address line 2 (optional)").FillAsync(d.AddressLine2 ?? "");
        await page.GetByLabel("Town or city").FillAsync(d.City ?? "");
        await page.GetByLabel("Postcode").FillAsync(d.Postcode ?? "");
        await page.GetByLabel("Country").SelectOptionAsync(d.Country ?? "");
        await page.GetByLabel("VAT number (optional)").FillAsync(d.VatNumber ?? "");
    }

    /// <summary>Saves the details on the customer's account through Billing, as the pages and the API do.</summary>
    public static Task<BillingDetails> SaveAsync(IMessageBus bus, Guid customerId, BillingDetailsRequest? details = null) =>
        bus.InvokeAsync<BillingDetails>((details ?? Business).For(customerId));

    public static Task<BillingDetails> SaveAsync(this AppFixture app, Guid customerId, BillingDetailsRequest? details = null) =>
        SaveAsync(app.Host.Services.GetRequiredService<IMessageBus>(), customerId, details);

    /// <summary><c>PUT /api/account/billing-details</c> with a client signed in as the customer (cookie and CSRF header as it sends them).</summary>
    public static async Task PutAsync(HttpClient customer, BillingDetailsRequest? details = null)
    {
        using var response = await customer.PutAsJsonAsync("/api/account/billing-details", Json(details));
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException(
                $"PUT /api/account/billing-details answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }
}
