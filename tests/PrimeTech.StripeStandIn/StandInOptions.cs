namespace PrimeTech.StripeStandIn;

public sealed class StandInOptions
{
    public string ApiKey { get; set; } = "sk_test_local";
    public string WebhookUrl { get; set; } = "http://127.0.0.1:5080/api/webhooks/stripe";
    public string WebhookSecret { get; set; } = "whsec_local";

    /// <summary>A root certificate (PEM) trusted for https webhook URLs besides the system's, e.g. a TLS proxy's own CA.</summary>
    public string? CaCertificateFile { get; set; }

    /// <summary>Delays between delivery attempts after a non-2xx answer (Stripe retries for days; here seconds).</summary>
    public TimeSpan[] RetryDelays { get; set; } =
        [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8), TimeSpan.FromSeconds(16)];
}
