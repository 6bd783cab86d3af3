using System.ComponentModel.DataAnnotations;

namespace PrimeTech.Billing.StripeApi;

/// <summary>
/// The Stripe account the site takes payments with (<c>Stripe:*</c>). <see cref="ApiBase"/> empty
/// means Stripe's own API; development and tests point it at the local stand-in.
/// </summary>
public sealed class StripeOptions : IValidatableObject
{
    public const string Section = "Stripe";

    [Required] public string SecretKey { get; set; } = "";
    [Required] public string WebhookSecret { get; set; } = "";
    public string? ApiBase { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!string.IsNullOrEmpty(ApiBase) &&
            !(Uri.TryCreate(ApiBase, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            yield return new ValidationResult("Must be an absolute http(s) URL, or empty for Stripe's own API.", [nameof(ApiBase)]);
    }
}
