using System.Globalization;
using Microsoft.AspNetCore.Diagnostics;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Persistence;

namespace PrimeTech.Host.Platform;

/// <summary>
/// The error contract for everything under <c>/api</c>: exceptions and bare error statuses become
/// problem+json. Domain failures keep their code; unreadable bodies become MALFORMED_REQUEST; the
/// write conflict that outlasted its retries becomes CONFLICT; the
/// database or S3 out of reach becomes SERVICE_UNAVAILABLE with <c>Retry-After</c>; anything else
/// is answered INTERNAL_ERROR without details.
/// </summary>
public static class ApiErrors
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");

    public static void UseApiErrors(this IApplicationBuilder api)
    {
        // A domain 404 is an answer, not a misconfigured handler (the licence API buffers its answers to sign them,
        // so the response has not started when the handler returns).
        api.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandler = WriteExceptionAsync, AllowStatusCode404Response = true });
        api.UseStatusCodePages(context =>
            ProblemWriter.WriteAsync(context.HttpContext, ErrorCode.ForStatus(context.HttpContext.Response.StatusCode)));
    }

    private static Task WriteExceptionAsync(HttpContext http)
    {
        var exception = http.Features.Get<IExceptionHandlerFeature>()?.Error;
        switch (exception)
        {
            case DomainException domain:
                return ProblemWriter.WriteAsync(http, domain);
            case BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge }:
                return ProblemWriter.WriteAsync(http, ErrorCode.PayloadTooLarge);
            case BadHttpRequestException { StatusCode: StatusCodes.Status415UnsupportedMediaType }:
                return ProblemWriter.WriteAsync(http, ErrorCode.UnsupportedMediaType);
            case BadHttpRequestException:
                return ProblemWriter.WriteAsync(http, ErrorCode.MalformedRequest,
                    "The request body or parameters could not be read. Send valid JSON matching the documented shape.");
            case not null when WriteConflicts.Is(exception):
                return ProblemWriter.WriteAsync(http, ErrorCode.Conflict, "Someone else changed this at the same moment. Try again.");
            case not null when Outage.Is(exception):
                http.Response.Headers.RetryAfter = ErrorCode.OutageRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
                return ProblemWriter.WriteAsync(http, ErrorCode.ServiceUnavailable,
                    $"Part of our system is not answering. Try again in {ErrorCode.OutageRetryAfterSeconds} seconds.");
            default:
                // The middleware has already logged the exception with the request.
                return ProblemWriter.WriteAsync(http, ErrorCode.InternalError);
        }
    }
}
