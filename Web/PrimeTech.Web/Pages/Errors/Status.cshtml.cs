using Microsoft.AspNetCore.Diagnostics;

namespace PrimeTech.Web.Pages.Errors;

/// <summary>The styled page for 403, 404, 500 and other statuses (re-executed by the status code pages middleware).</summary>
[IgnoreAntiforgeryToken]
public sealed class StatusModel : PageModel
{
    public int Status { get; private set; }
    public string Heading { get; private set; } = "";
    public string Message { get; private set; } = "";

    public void OnGet(int status) => Describe(status);

    public void OnPost(int status) => Describe(status);

    private void Describe(int status)
    {
        // After an exception the handler has already chosen the status (503 for an outage, else 500).
        if (HttpContext.Features.Get<IExceptionHandlerFeature>() is not null) status = Response.StatusCode;
        // An address such as /error/-1 names no status: there is no such page.
        Status = status is >= 400 and <= 599 ? status : 404;
        (Heading, Message) = Status switch
        {
            403 => ("You do not have access to this page", "Your account is not allowed to see this page. If you think it should be, contact us."),
            404 => ("Page not found", "The page you asked for does not exist or has moved. Check the address, or start again from the home page."),
            413 => ("What you sent is too large", "The form you sent is larger than we accept. Shorten what you entered and try again."),
            429 => ("Too many requests", $"You have made too many requests in a short time. Wait {RetryWait()} and try again."),
            503 => ("Service unavailable", $"Part of our system is not answering right now. Please try again in {ErrorCode.OutageRetryAfterSeconds} seconds."),
            >= 500 => ("Something went wrong", "We could not complete your request. It is not your fault, and we have been told. Please try again in a moment."),
            _ => ("The request could not be completed", "Check what you entered and try again."),
        };
        Response.StatusCode = Status;
        if (Status == 503)
            Response.Headers.RetryAfter = ErrorCode.OutageRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>"N seconds" from the rate limiter's rejection, else "a minute".</summary>
    private string RetryWait() =>
        HttpContext.Items[PrimeTech.BuildingBlocks.Web.RateLimiting.RetryAfterItem] is int seconds
            ? seconds == 1 ? "1 second" : $"{seconds} seconds"
            : "a minute";
}
