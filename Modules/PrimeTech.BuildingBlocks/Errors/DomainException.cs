namespace PrimeTech.BuildingBlocks.Errors;

/// <summary>
/// A failure that the caller can act on. Thrown by handlers; the API turns it into problem+json
/// with its code, and pages show its detail (and field errors) beside the form.
/// </summary>
public class DomainException(
    ErrorCode error, string detail, IReadOnlyDictionary<string, string[]>? errors = null,
    IReadOnlyDictionary<string, string>? extensions = null)
    : Exception(detail)
{
    public ErrorCode Error { get; } = error;
    public string Detail { get; } = detail;
    public IReadOnlyDictionary<string, string[]> Errors { get; } = errors ?? new Dictionary<string, string[]>();

    /// <summary>
    /// Extra members of the problem, only where the contract names them (e.g. <c>orderNumber</c> and
    /// <c>invoiceNumber</c> on PAYMENT_PROVIDER_ERROR from checkout).
    /// </summary>
    public IReadOnlyDictionary<string, string> Extensions { get; } = extensions ?? new Dictionary<string, string>();

    /// <summary>How long the caller must wait (a 429 from a lock kept in the database): sent as <c>Retry-After</c>.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>Whole seconds for <c>Retry-After</c>, at least 1.</summary>
    public static int RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    public static DomainException NotFound(string what) => new(ErrorCode.NotFound, $"{what} was not found.");

    public static DomainException Validation(string field, string message) =>
        new(ErrorCode.ValidationFailed, message, new Dictionary<string, string[]> { [field] = [message] });
}
