using System.Security.Cryptography.X509Certificates;

namespace PrimeTech.StripeStandIn;

/// <summary>An HTTP handler that trusts one root certificate (PEM file), such as Caddy's internal CA, instead of the system's roots.</summary>
public static class TrustedRoot
{
    public static SocketsHttpHandler Handler(string rootCertificateFile)
    {
        var root = X509Certificate2.CreateFromPem(File.ReadAllText(rootCertificateFile));
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.Add(root);
        return new SocketsHttpHandler { SslOptions = { CertificateChainPolicy = policy } };
    }
}
