using System.Text.RegularExpressions;
using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Billing.Buyers;

/// <summary>
/// Keep these billing details on the customer's account (the account page, the cart page before
/// checkout, <c>PUT /api/account/billing-details</c>). Answered with the details as stored:
/// trimmed, country and VAT number upper-case, a UK postcode as <c>SW1A 1AA</c>.
/// </summary>
public sealed partial record SaveBillingDetails(
    Guid CustomerId,
    string? Name,
    string? CompanyName,
    string? AddressLine1,
    string? AddressLine2,
    string? City,
    string? Postcode,
    string? Country,
    string? VatNumber) : ICleanable<SaveBillingDetails>
{
    public const int NameMaxLength = 100;
    public const int CompanyNameMaxLength = 160;
    public const int AddressLineMaxLength = 120;
    public const int CityMaxLength = 80;
    public const int PostcodeMaxLength = 16;
    public const int VatNumberMaxLength = 20;

    public sealed class Validator : AbstractValidator<SaveBillingDetails>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            Text(RuleFor(x => x.Name).NotEmpty().WithMessage("Enter the name to put on invoices"), "Name", NameMaxLength);
            Text(RuleFor(x => x.CompanyName), "Company name", CompanyNameMaxLength);
            Text(RuleFor(x => x.AddressLine1).NotEmpty().WithMessage("Enter the first line of the address"), "Address line 1", AddressLineMaxLength);
            Text(RuleFor(x => x.AddressLine2), "Address line 2", AddressLineMaxLength);
            Text(RuleFor(x => x.City).NotEmpty().WithMessage("Enter the town or city"), "Town or city", CityMaxLength);
            RuleFor(x => x.Country).Cascade(CascadeMode.Stop)
                .NotEmpty().WithMessage("Choose the country")
                .Must(Countries.IsKnown).WithMessage("Choose a country from the list");
            RuleFor(x => x.Postcode).Cascade(CascadeMode.Stop)
                .NotEmpty().When(x => IsUk(x.Country), ApplyConditionTo.CurrentValidator).WithMessage("Enter the postcode")
                .MaximumLength(PostcodeMaxLength).WithMessage($"Postcode must be {PostcodeMaxLength} characters or fewer")
                .Must(p => p is null || UkPostcodes.IsValid(p)).When(x => IsUk(x.Country), ApplyConditionTo.CurrentValidator)
                .WithMessage("Enter a real postcode, like SW1A 1AA")
                .Must(p => p is null || PostcodeCharacters().IsMatch(p)).WithMessage("Postcode can use letters, numbers, spaces and hyphens only");
            RuleFor(x => x.VatNumber).Cascade(CascadeMode.Stop)
                .MaximumLength(VatNumberMaxLength).WithMessage($"VAT number must be {VatNumberMaxLength} characters or fewer")
                .Must((x, vat) => vat is null || !Countries.IsKnown(x.Country) || VatNumbers.Problem(vat, x.Country!) is null)
                .WithMessage((x, vat) => VatNumbers.Problem(vat!, x.Country!));
        }

        private static bool IsUk(string? country) => country is not null && UkPostcodes.Countries.Contains(country);

        private static void Text<T>(IRuleBuilder<T, string?> rule, string label, int maxLength) =>
            rule.MaximumLength(maxLength).WithMessage($"{label} must be {maxLength} characters or fewer")
                .Must(s => s is null || !s.Any(char.IsControl)).WithMessage($"{label} must be on one line");
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9 -]*$", RegexOptions.CultureInvariant)]
    private static partial Regex PostcodeCharacters();

    /// <summary>Trimmed, blanks as null, country and VAT number upper-case, UK postcodes spaced.</summary>
    public SaveBillingDetails Cleaned()
    {
        var country = Clean(Country)?.ToUpperInvariant();
        var postcode = Clean(Postcode)?.ToUpperInvariant();
        if (postcode is not null && UkPostcodes.Countries.Contains(country ?? ""))
            postcode = UkPostcodes.Normalise(postcode);
        return this with
        {
            Name = Clean(Name),
            CompanyName = Clean(CompanyName),
            AddressLine1 = Clean(AddressLine1),
            AddressLine2 = Clean(AddressLine2),
            City = Clean(City),
            Postcode = postcode,
            Country = country,
            VatNumber = VatNumbers.Normalise(VatNumber),
        };
    }

    public static SaveBillingDetails From(Guid customerId, BillingDetails d) =>
        new(customerId, d.Name, d.CompanyName, d.AddressLine1, d.AddressLine2, d.City, d.Postcode, d.Country, d.VatNumber);

    private static string? Clean(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

public static class SaveBillingDetailsHandler
{
    public static async Task<BillingDetails> Handle(SaveBillingDetails input, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var command = input.Cleaned();
        var details = await session.LoadAsync<AccountBillingDetails>(command.CustomerId, ct) ?? new AccountBillingDetails { Id = command.CustomerId };
        details.Name = command.Name!;
        details.CompanyName = command.CompanyName;
        details.AddressLine1 = command.AddressLine1!;
        details.AddressLine2 = command.AddressLine2;
        details.City = command.City!;
        details.Postcode = command.Postcode;
        details.Country = command.Country!;
        details.VatNumber = command.VatNumber;
        details.UpdatedAt = clock.GetUtcNow();
        session.Store(details);
        return details.View();
    }
}

/// <summary>The body of <c>PUT /api/account/billing-details</c>.</summary>
public sealed record BillingDetailsRequest(
    string? Name, string? CompanyName, string? AddressLine1, string? AddressLine2, string? City, string? Postcode, string? Country, string? VatNumber)
{
    public SaveBillingDetails For(Guid customerId) =>
        new(customerId, Name, CompanyName, AddressLine1, AddressLine2, City, Postcode, Country, VatNumber);
}

public sealed class SaveBillingDetailsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPut(BillingDetailsRoutes.Api, (BillingDetailsRequest body, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<BillingDetails>(body.For(http.User.RequiredUserId()), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Account");
}

public static class BillingDetailsRoutes
{
    public const string Api = "/api/account/billing-details";
}
