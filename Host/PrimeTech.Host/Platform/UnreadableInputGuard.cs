using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Host.Platform;

/// <summary>
/// Answers 400 (<c>MALFORMED_REQUEST</c> under /api, the styled page elsewhere) for a query string
/// carrying the NUL character (<c>%00</c>), which no input has a use for and PostgreSQL cannot
/// store or compare, and for an HTML form ASP.NET cannot read (it throws on NUL, or on a value past
/// its limits), which would otherwise surface as a 500 wherever the form is first bound. Kestrel
/// refuses NUL in a path itself; JSON bodies are checked as they are read
/// (<see cref="BuildingBlocks.Web.TextJsonConverter"/>); multipart uploads carry files.
/// </summary>
public static class UnreadableInputGuard
{
    /// <summary>After the body limit (the form read here is bounded by it), before anything binds input.</summary>
    public static void UseUnreadableInputGuard(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (http.Request.QueryString.Value?.Contains("%00", StringComparison.Ordinal) == true || !await FormIsReadableAsync(http.Request))
            {
                if (ApiErrors.IsApi(http.Request))
                    await ProblemWriter.WriteAsync(http, ErrorCode.MalformedRequest, "The request carries text that could not be read.");
                else
                    http.Response.StatusCode = StatusCodes.Status400BadRequest;
                return;
            }
            await next(http);
        });

    private static async Task<bool> FormIsReadableAsync(HttpRequest request)
    {
        if (!request.HasFormContentType || request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase)) return true;
        try
        {
            await request.ReadFormAsync(request.HttpContext.RequestAborted);
            return true;
        }
        catch (InvalidDataException)
        {
            return false;
        }
    }
}
