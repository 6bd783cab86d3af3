namespace PrimeTech.Testing;

/// <summary>
/// Where the real services started by <c>build/services/services.sh</c> listen. The ports can be
/// moved with the same environment variables the script reads.
/// </summary>
public static class TestServices
{
    public static int PostgresPort => Port("PRIMETECH_PG_PORT", 55432);
    public static int S3Port => Port("PRIMETECH_S3_PORT", 58080);
    public static int SmtpPort => Port("PRIMETECH_SMTP_PORT", 51025);
    public static int MailWebPort => Port("PRIMETECH_MAILDEV_WEB_PORT", 51080);
    public static int StripePort => Port("PRIMETECH_STRIPE_PORT", 51210);

    public static string AdminConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database={database};Pooling=false";

    public static string ConnectionString(string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Database={database};Maximum Pool Size=60";

    private static int Port(string variable, int fallback) =>
        int.TryParse(Environment.GetEnvironmentVariable(variable), out var port) ? port : fallback;
}
