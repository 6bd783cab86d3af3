namespace PrimeTech.Host.Platform;

/// <summary>
/// A request that failed because PostgreSQL or S3 could not be reached (CODEX_HANDOFF §4.1
/// SERVICE_UNAVAILABLE): the same failures background messages retry (<see cref="RetryPolicies"/>),
/// answered 503 with <c>Retry-After</c> instead of 500. Nothing is held back for the outage: the next
/// request after the dependency returns is served as usual.
/// </summary>
public static class Outage
{
    public static bool Is(Exception exception) => RetryPolicies.IsTransient(exception);

    /// <summary>The status for the site's exception page: 503 for an outage, else 500.</summary>
    public static int StatusFor(Exception exception) =>
        Is(exception) ? StatusCodes.Status503ServiceUnavailable : StatusCodes.Status500InternalServerError;

    /// <summary>The site's exception handler: the styled status page, 503 for an outage.</summary>
    public static ExceptionHandlerOptions SitePage => new()
    {
        ExceptionHandlingPath = "/error/500",
        StatusCodeSelector = StatusFor,
    };
}
