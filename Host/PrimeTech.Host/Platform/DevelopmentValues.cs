using PrimeTech.Billing;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Configuration;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.ObjectStorage;

namespace PrimeTech.Host.Platform;

/// <summary>
/// Outside Development and Test the host refuses the values that only make sense on a developer's
/// machine (the local Stripe stand-in's secrets, plain-http public addresses, the example VAT
/// number, MinIO's default credentials): each is a start-up failure naming the key.
/// </summary>
public static class DevelopmentValues
{
    public const string StandInSecretKey = "sk_test_local";
    public const string StandInWebhookSecret = "whsec_local";
    public const string ExampleVatNumber = "GB123456789";
    public const string MinioDefaultCredential = "minioadmin";

    public static void RefuseDevelopmentValues(this WebApplicationBuilder builder)
    {
        if (builder.Environment.IsDevelopment() || builder.Environment.IsEnvironment("Test")) return;

        builder.Services
            .AddOptionsRule<StripeOptions>("Stripe:SecretKey", o => o.SecretKey == StandInSecretKey,
                $"'{StandInSecretKey}' is the local Stripe stand-in's key; set the Stripe account's secret key.")
            .AddOptionsRule<StripeOptions>("Stripe:WebhookSecret", o => o.WebhookSecret == StandInWebhookSecret,
                $"'{StandInWebhookSecret}' is the local Stripe stand-in's secret; set the webhook endpoint's signing secret.")
            .AddOptionsRule<StripeOptions>("Stripe:ApiBase", o => !string.IsNullOrEmpty(o.ApiBase) && !IsHttpsOrLoopback(o.ApiBase),
                "must be an https URL (plain http only on a loopback address), or empty for Stripe's own API.")
            .AddOptionsRule<SiteOptions>("Site:PublicUrl", o => !IsHttpsOrLoopback(o.PublicUrl),
                "must be an https URL (plain http only on a loopback address).")
            .AddOptionsRule<SellerOptions>("Seller:VatNumber", o => o.VatNumber == ExampleVatNumber,
                $"'{ExampleVatNumber}' is the example VAT number; set the seller's own.")
            .AddOptionsRule<S3Options>("S3:SecretKey",
                o => o.AccessKey == MinioDefaultCredential && o.SecretKey == MinioDefaultCredential,
                $"S3:AccessKey and S3:SecretKey are MinIO's default credentials ({MinioDefaultCredential}/{MinioDefaultCredential}); set the storage's own.");
    }

    /// <summary>Unparsable URLs are left to the options' own validation, which names them already.</summary>
    private static bool IsHttpsOrLoopback(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme == Uri.UriSchemeHttps || uri.IsLoopback;
}
