namespace PrimeTech.Booking.UnitTests;

/// <summary>The contact details a booking needs: an email address the engineer can write to and a phone number with 7 to 15 digits.</summary>
public sealed class ContactRulesTests
{
    [Theory]
    [InlineData("ada@example.com")]
    [InlineData("  ada.lovelace+bookings@mail.example.co.uk  ")]
    [InlineData("a@b.io")]
    public void These_are_email_addresses(string value) => Assert.True(ContactRules.IsEmail(value));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("ada")]
    [InlineData("ada@example")]
    [InlineData("ada@@example.com")]
    [InlineData("ada lovelace@example.com")]
    [InlineData("ada@example.c")]
    [InlineData("ada@example.com.")]
    public void These_are_not_email_addresses(string? value) => Assert.False(ContactRules.IsEmail(value));

    [Fact]
    public void An_email_address_may_be_254_characters_long_and_no_longer()
    {
        var domain = "@example.com";
        Assert.True(ContactRules.IsEmail(new string('a', 254 - domain.Length) + domain));
        Assert.False(ContactRules.IsEmail(new string('a', 255 - domain.Length) + domain));
    }

    [Fact]
    public void Emails_are_compared_trimmed_and_in_lower_case()
    {
        Assert.Equal("ada@example.com", ContactRules.NormaliseEmail("  Ada@Example.COM "));
        Assert.Equal("", ContactRules.NormaliseEmail(null));
    }

    [Theory]
    [InlineData("01632 960 001")]
    [InlineData("+44 7700 900 123")]
    [InlineData("(01632) 960-001")]
    [InlineData("1234567")]
    [InlineData("123456789012345")]
    public void These_are_phone_numbers(string value) => Assert.True(ContactRules.IsPhone(value));

    [Theory]
    [InlineData(null)]
    [InlineData("123456")]           // 6 digits
    [InlineData("1234567890123456")] // 16 digits
    [InlineData("01632 960 001 ext 2")]
    [InlineData("44+ 7700 900 123")]
    [InlineData("0163.296.0001")]
    public void These_are_not_phone_numbers(string? value) => Assert.False(ContactRules.IsPhone(value));
}
