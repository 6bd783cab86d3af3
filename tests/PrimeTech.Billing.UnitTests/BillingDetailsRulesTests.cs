using PrimeTech.Billing.Buyers;

namespace PrimeTech.Billing.UnitTests;

/// <summary>The billing details rules, field by field: VAT number formats per country, UK postcodes, the country list, lengths.</summary>
public sealed class BillingDetailsRulesTests
{
    private static SaveBillingDetails Valid(string country = "GB", string? postcode = "SW1A 1AA", string? vat = null) =>
        new(Guid.NewGuid(), "Ada Lovelace", "Analytical Engines Ltd", "12 Babbage Street", null, "London", postcode, country, vat);

    private static Dictionary<string, string> Errors(SaveBillingDetails command) =>
        SaveBillingDetails.Validator.Instance.Validate(command.Cleaned()).Errors
            .GroupBy(e => e.PropertyName).ToDictionary(g => g.Key, g => g.First().ErrorMessage);

    [Theory]
    [InlineData("GB", "GB123456789")]
    [InlineData("GB", "gb 123 4567 89")]
    [InlineData("GB", "GB123456789012")]
    [InlineData("GB", "GBGD001")]
    [InlineData("GB", "GBGD499")]
    [InlineData("GB", "GBHA500")]
    [InlineData("GB", "GBHA999")]
    [InlineData("GB", "XI123456789")]
    [InlineData("GB", "XI123456789012")]
    [InlineData("GB", "XIGD123")]
    [InlineData("IM", "GB123456789")]
    [InlineData("AT", "ATU12345678")]
    [InlineData("BE", "BE0123456789")]
    [InlineData("BE", "BE1123456789")]
    [InlineData("BG", "BG123456789")]
    [InlineData("BG", "BG1234567890")]
    [InlineData("CY", "CY12345678X")]
    [InlineData("CZ", "CZ12345678")]
    [InlineData("CZ", "CZ1234567890")]
    [InlineData("DE", "DE123456789")]
    [InlineData("DK", "DK12345678")]
    [InlineData("EE", "EE123456789")]
    [InlineData("GR", "EL123456789")]
    [InlineData("ES", "ESX1234567X")]
    [InlineData("ES", "ESA12345678")]
    [InlineData("ES", "ES12345678Z")]
    [InlineData("FI", "FI12345678")]
    [InlineData("FR", "FR12345678901")]
    [InlineData("FR", "FRXA123456789")]
    [InlineData("MC", "FR12345678901")]
    [InlineData("HR", "HR12345678901")]
    [InlineData("HU", "HU12345678")]
    [InlineData("IE", "IE1234567WA")]
    [InlineData("IE", "IE1234567T")]
    [InlineData("IE", "IE1A23456B")]
    [InlineData("IT", "IT12345678901")]
    [InlineData("LT", "LT123456789")]
    [InlineData("LT", "LT123456789012")]
    [InlineData("LU", "LU12345678")]
    [InlineData("LV", "LV12345678901")]
    [InlineData("MT", "MT12345678")]
    [InlineData("NL", "NL123456789B01")]
    [InlineData("PL", "PL1234567890")]
    [InlineData("PT", "PT123456789")]
    [InlineData("RO", "RO12")]
    [InlineData("RO", "RO1234567890")]
    [InlineData("SE", "SE123456789001")]
    [InlineData("SI", "SI12345678")]
    [InlineData("SK", "SK1234567890")]
    public void A_well_formed_VAT_number_for_the_country_is_accepted(string country, string vat) =>
        Assert.Empty(Errors(Valid(country, postcode: country == "GB" || country == "IM" ? "IM1 1AA" : "12345", vat: vat)));

    [Theory]
    [InlineData("GB", "GB12345678", "Enter a GB VAT number in the correct format, like GB123456789")]
    [InlineData("GB", "GB1234567890", "Enter a GB VAT number in the correct format, like GB123456789")]
    [InlineData("GB", "GBGD500", "Enter a GB VAT number in the correct format, like GB123456789")]
    [InlineData("GB", "GBHA499", "Enter a GB VAT number in the correct format, like GB123456789")]
    [InlineData("GB", "GBGD12", "Enter a GB VAT number in the correct format, like GB123456789")]
    [InlineData("GB", "XI12345678A", "Enter a XI VAT number in the correct format, like XI123456789")]
    [InlineData("GB", "123456789", "Enter the VAT number with its country prefix, like GB123456789")]
    [InlineData("GB", "DE123456789", "A VAT number starting DE is not for an address in United Kingdom: use one like GB123456789")]
    [InlineData("AT", "AT12345678", "Enter a AT VAT number in the correct format, like ATU12345678")]
    [InlineData("BE", "BE2123456789", "Enter a BE VAT number in the correct format, like BE0123456789")]
    [InlineData("BE", "BE123456789", "Enter a BE VAT number in the correct format, like BE0123456789")]
    [InlineData("CY", "CY123456789", "Enter a CY VAT number in the correct format, like CY12345678X")]
    [InlineData("CZ", "CZ1234567", "Enter a CZ VAT number in the correct format, like CZ12345678")]
    [InlineData("DE", "DE12345678", "Enter a DE VAT number in the correct format, like DE123456789")]
    [InlineData("DE", "DE1234567890", "Enter a DE VAT number in the correct format, like DE123456789")]
    [InlineData("DK", "DK1234567", "Enter a DK VAT number in the correct format, like DK12345678")]
    [InlineData("GR", "GR123456789", "Enter the VAT number with its country prefix, like EL123456789")]
    [InlineData("GR", "EL12345678", "Enter a EL VAT number in the correct format, like EL123456789")]
    [InlineData("ES", "ES123456789", "Enter a ES VAT number in the correct format, like ESX1234567X")]
    [InlineData("FR", "FRIO123456789", "Enter a FR VAT number in the correct format, like FR12345678901")]
    [InlineData("FR", "FR1234567890", "Enter a FR VAT number in the correct format, like FR12345678901")]
    [InlineData("IE", "IE12345678", "Enter a IE VAT number in the correct format, like IE1234567WA")]
    [InlineData("IE", "IE1234567WZ", "Enter a IE VAT number in the correct format, like IE1234567WA")]
    [InlineData("IT", "IT1234567890", "Enter a IT VAT number in the correct format, like IT12345678901")]
    [InlineData("LT", "LT1234567890", "Enter a LT VAT number in the correct format, like LT123456789")]
    [InlineData("NL", "NL123456789A01", "Enter a NL VAT number in the correct format, like NL123456789B01")]
    [InlineData("NL", "NL12345678B01", "Enter a NL VAT number in the correct format, like NL123456789B01")]
    [InlineData("PL", "PL123456789", "Enter a PL VAT number in the correct format, like PL1234567890")]
    [InlineData("PT", "PT12345678", "Enter a PT VAT number in the correct format, like PT123456789")]
    [InlineData("RO", "RO0123", "Enter a RO VAT number in the correct format, like RO1234567890")]
    [InlineData("RO", "RO12345678901", "Enter a RO VAT number in the correct format, like RO1234567890")]
    [InlineData("SE", "SE123456789002", "Enter a SE VAT number in the correct format, like SE123456789001")]
    [InlineData("SI", "SI1234567", "Enter a SI VAT number in the correct format, like SI12345678")]
    [InlineData("SK", "SK123456789", "Enter a SK VAT number in the correct format, like SK1234567890")]
    [InlineData("DE", "FR12345678901", "A VAT number starting FR is not for an address in Germany: use one like DE123456789")]
    [InlineData("IE", "GB123456789", "A VAT number starting GB is not for an address in Ireland: use one like IE1234567WA")]
    [InlineData("US", "US123456789", "We can record UK and EU VAT numbers only: leave the VAT number empty for an address in this country")]
    [InlineData("CH", "CHE123456789", "We can record UK and EU VAT numbers only: leave the VAT number empty for an address in this country")]
    public void A_VAT_number_of_the_wrong_format_or_country_is_refused_with_what_to_enter(string country, string vat, string message) =>
        Assert.Equal(message, Errors(Valid(country, postcode: country == "GB" ? "SW1A 1AA" : "12345", vat: vat))["VatNumber"]);

    [Theory]
    [InlineData("SW1A 1AA", "SW1A 1AA")]
    [InlineData("sw1a1aa", "SW1A 1AA")]
    [InlineData("  ec1a   1bb ", "EC1A 1BB")]
    [InlineData("W1A 0AX", "W1A 0AX")]
    [InlineData("M1 1AE", "M1 1AE")]
    [InlineData("B33 8TH", "B33 8TH")]
    [InlineData("CR2 6XH", "CR2 6XH")]
    [InlineData("DN55 1PT", "DN55 1PT")]
    [InlineData("BT1 5GS", "BT1 5GS")]
    [InlineData("GIR 0AA", "GIR 0AA")]
    public void UK_postcodes_are_accepted_in_any_case_and_spacing_and_stored_in_the_Royal_Mail_form(string typed, string stored)
    {
        var command = Valid(postcode: typed).Cleaned();
        Assert.Empty(Errors(command));
        Assert.Equal(stored, command.Postcode);
    }

    [Theory]
    [InlineData("SW1A", "Enter a real postcode, like SW1A 1AA")]
    [InlineData("12345", "Enter a real postcode, like SW1A 1AA")]
    [InlineData("QA1 1AA", "Enter a real postcode, like SW1A 1AA")]
    [InlineData("SW1A 1AC", "Enter a real postcode, like SW1A 1AA")]
    [InlineData("SW1A 1AA X", "Enter a real postcode, like SW1A 1AA")]
    [InlineData("", "Enter the postcode")]
    [InlineData("   ", "Enter the postcode")]
    public void A_UK_address_needs_a_well_formed_postcode(string postcode, string message) =>
        Assert.Equal(message, Errors(Valid(postcode: postcode))["Postcode"]);

    [Fact]
    public void Outside_the_UK_the_postcode_is_optional_and_any_short_code_of_letters_numbers_spaces_and_hyphens()
    {
        Assert.Empty(Errors(Valid("HK", postcode: null)));
        Assert.Empty(Errors(Valid("NL", postcode: "1012 AB")));
        Assert.Empty(Errors(Valid("PL", postcode: "00-950")));
        Assert.Equal("Postcode can use letters, numbers, spaces and hyphens only", Errors(Valid("DE", postcode: "10115;"))["Postcode"]);
        Assert.Equal("Postcode must be 16 characters or fewer", Errors(Valid("DE", postcode: new string('1', 17)))["Postcode"]);
    }

    [Theory]
    [InlineData(null, "Choose the country")]
    [InlineData("", "Choose the country")]
    [InlineData("UK", "Choose a country from the list")]
    [InlineData("ZZ", "Choose a country from the list")]
    [InlineData("GBR", "Choose a country from the list")]
    public void The_country_must_be_an_ISO_3166_code_from_the_list(string? country, string message) =>
        Assert.Equal(message, Errors(Valid(postcode: null) with { Country = country })["Country"]);

    [Fact]
    public void The_country_list_is_every_assigned_ISO_3166_alpha_2_code_once()
    {
        Assert.Equal(249, Countries.All.Count);
        Assert.Equal(Countries.All.Count, Countries.All.Select(c => c.Code).Distinct().Count());
        Assert.All(Countries.All, c => Assert.Matches("^[A-Z]{2}$", c.Code));
        Assert.Equal("United Kingdom", Countries.NameOf("GB"));
        Assert.True(Countries.IsKnown("gb".ToUpperInvariant()));
        Assert.All(VatNumbers.Formats.SelectMany(f => f.Countries), c => Assert.True(Countries.IsKnown(c), c));
    }

    [Fact]
    public void Required_fields_oversized_fields_and_line_breaks_are_refused_field_by_field()
    {
        var empty = Errors(new SaveBillingDetails(Guid.NewGuid(), " ", null, "", null, null, "SW1A 1AA", "GB", null));
        Assert.Equal("Enter the name to put on invoices", empty["Name"]);
        Assert.Equal("Enter the first line of the address", empty["AddressLine1"]);
        Assert.Equal("Enter the town or city", empty["City"]);

        var oversized = Errors(new SaveBillingDetails(Guid.NewGuid(), new string('N', 101), new string('C', 161), new string('A', 121),
            new string('B', 121), new string('T', 81), "SW1A 1AA", "GB", "GB" + new string('1', 19)));
        Assert.Equal("Name must be 100 characters or fewer", oversized["Name"]);
        Assert.Equal("Company name must be 160 characters or fewer", oversized["CompanyName"]);
        Assert.Equal("Address line 1 must be 120 characters or fewer", oversized["AddressLine1"]);
        Assert.Equal("Address line 2 must be 120 characters or fewer", oversized["AddressLine2"]);
        Assert.Equal("Town or city must be 80 characters or fewer", oversized["City"]);
        Assert.Equal("VAT number must be 20 characters or fewer", oversized["VatNumber"]);

        Assert.Equal("Company name must be on one line", Errors(Valid() with { CompanyName = "Evil\r\nBcc: x@example.test" })["CompanyName"]);
    }

    [Fact]
    public void Cleaning_trims_turns_blanks_into_nothing_and_upper_cases_country_and_VAT_number()
    {
        var cleaned = new SaveBillingDetails(Guid.NewGuid(), "  Ada  ", "  ", " 1 Road ", "", " Leeds ", "ls1 4ap", " gb ", " gb-123.456.789 ").Cleaned();
        Assert.Equal(("Ada", null, "1 Road", null, "Leeds", "LS1 4AP", "GB", "GB123456789"),
            (cleaned.Name, cleaned.CompanyName, cleaned.AddressLine1, cleaned.AddressLine2, cleaned.City, cleaned.Postcode, cleaned.Country, cleaned.VatNumber));
    }
}
