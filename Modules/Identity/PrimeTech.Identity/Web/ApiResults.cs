using System.Globalization;

namespace PrimeTech.Identity.Web;

/// <summary>A problem+json answer returned (not thrown) by an endpoint, optionally with <c>Retry-After</c>.</summary>
public sealed class ProblemResult(DomainException problem, TimeSpan? retryAfter = null) : IResult
{
    public Task ExecuteAsync(HttpContext http)
    {
        if (retryAfter is { } wait)
            http.Response.Headers.RetryAfter = RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
        return ProblemWriter.WriteAsync(http, problem);
    }

    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
}

/// <summary>Who is calling: kept on sessions so customers can recognise them.</summary>
public static class RequestClient
{
    public static string IpAddress(HttpContext http) => http.Connection.RemoteIpAddress?.ToString() ?? "";

    public static string UserAgent(HttpContext http) => http.Request.Headers.UserAgent.ToString();
}
