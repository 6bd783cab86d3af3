using Microsoft.AspNetCore.Diagnostics;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Host.Platform;

/// <summary>
/// Turns every exception under <c>/api</c> into the problem+json contract. Domain failures keep
/// their code; unreadable bodies become MALFORMED_REQUEST; anything else is logged and answered
/// INTERNAL_ERROR without details. Pages fall through to the styled 500 page.
/// </summary>
public sealed class ApiExceptionHandler(ILogger<ApiExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        if (!ApiPaths.IsApi(http.Request)) return false;

        switch (exception)
        {
            case DomainException domain:
                await ProblemWriter.WriteAsync(http, domain);
                break;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status413PayloadTooLarge:
                await ProblemWriter.WriteAsync(http, ErrorCode.PayloadTooLarge);
                break;
            case BadHttpRequestException bad when bad.StatusCode == StatusCodes.Status415UnsupportedMediaType:
                await ProblemWriter.WriteAsync(http, ErrorCode.UnsupportedMediaType);
                break;
            case BadHttpRequestException:
                await ProblemWriter.WriteAsync(http, ErrorCode.MalformedRequest,
                    "The request body or parameters could not be read. Send valid JSON matching the documented shape.");
                break;
            default:
                logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
                await ProblemWriter.WriteAsync(http, ErrorCode.InternalError);
                break;
        }
        return true;
    }
}
