namespace PrimeTech.BuildingBlocks.Errors;

/// <summary>A machine-readable error: the <c>code</c> of the problem+json contract with its HTTP status.</summary>
public sealed record ErrorCode(string Code, int Status, string Title)
{
    public static readonly ErrorCode ValidationFailed = new("VALIDATION_FAILED", 400, "The request is not valid.");
    public static readonly ErrorCode MalformedRequest = new("MALFORMED_REQUEST", 400, "The request body could not be read.");
    public static readonly ErrorCode Unauthenticated = new("UNAUTHENTICATED", 401, "You need to sign in.");
    public static readonly ErrorCode Forbidden = new("FORBIDDEN", 403, "You are not allowed to do this.");
    public static readonly ErrorCode CsrfRejected = new("CSRF_REJECTED", 403, "The request came from another site.");
    public static readonly ErrorCode EmailNotVerified = new("EMAIL_NOT_VERIFIED", 403, "Verify your email address first.");
    public static readonly ErrorCode NotFound = new("NOT_FOUND", 404, "Not found.");
    public static readonly ErrorCode MethodNotAllowed = new("METHOD_NOT_ALLOWED", 405, "This method is not allowed here.");
    public static readonly ErrorCode Conflict = new("CONFLICT", 409, "The request conflicts with the current state.");
    public static readonly ErrorCode PayloadTooLarge = new("PAYLOAD_TOO_LARGE", 413, "The request body is too large.");
    public static readonly ErrorCode UnsupportedMediaType = new("UNSUPPORTED_MEDIA_TYPE", 415, "Send the body as application/json.");
    public static readonly ErrorCode RateLimited = new("RATE_LIMITED", 429, "Too many requests. Try again later.");
    public static readonly ErrorCode InternalError = new("INTERNAL_ERROR", 500, "Something went wrong on our side.");
    /// <summary>Stripe could not be reached or refused a call made in a request (checkout, pay now, refund).</summary>
    public static readonly ErrorCode PaymentProviderError = new("PAYMENT_PROVIDER_ERROR", 502, "The payment provider could not be reached.");
    public static readonly ErrorCode ServiceUnavailable = new("SERVICE_UNAVAILABLE", 503, "The service is not available right now.");

    /// <summary>The <c>Retry-After</c> of SERVICE_UNAVAILABLE (API and page) while the database or S3 cannot be reached.</summary>
    public const int OutageRetryAfterSeconds = 5;

    /// <summary>The generic code for a bare HTTP status, used when the framework ends a request without a domain error.</summary>
    public static ErrorCode ForStatus(int status) => status switch
    {
        400 => MalformedRequest,
        401 => Unauthenticated,
        403 => Forbidden,
        404 => NotFound,
        405 => MethodNotAllowed,
        409 => Conflict,
        413 => PayloadTooLarge,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        503 => ServiceUnavailable,
        _ => status >= 500 ? InternalError : new ErrorCode("HTTP_" + status, status, "The request failed."),
    };
}
