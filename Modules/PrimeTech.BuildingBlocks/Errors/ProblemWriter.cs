using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http;

namespace PrimeTech.BuildingBlocks.Errors;

/// <summary>The one error contract of the JSON API: RFC 9457 problem+json with <c>code</c> and <c>traceId</c>.</summary>
public static class ProblemWriter
{
    public const string ContentType = "application/problem+json";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static Task WriteAsync(HttpContext http, DomainException exception)
    {
        if (exception.RetryAfter is { } wait)
            http.Response.Headers.RetryAfter = DomainException.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
        return WriteAsync(http, exception.Error, exception.Detail, exception.Errors, exception.Extensions);
    }

    public static async Task WriteAsync(HttpContext http, ErrorCode error, string? detail = null,
        IReadOnlyDictionary<string, string[]>? errors = null, IReadOnlyDictionary<string, string>? extensions = null)
    {
        var problem = new Problem(
            Type: "/problems/" + error.Code.ToLowerInvariant().Replace('_', '-'),
            Title: error.Title,
            Status: error.Status,
            Detail: detail ?? error.Title,
            Code: error.Code,
            TraceId: Activity.Current?.Id ?? http.TraceIdentifier,
            Errors: errors is { Count: > 0 } ? errors : null)
        {
            Extensions = extensions is { Count: > 0 } ? extensions.ToDictionary(e => e.Key, e => (object?)e.Value) : null,
        };

        http.Response.StatusCode = error.Status;
        http.Response.ContentType = ContentType;
        http.Features.Set(new AnsweredProblem(error.Code));
        await JsonSerializer.SerializeAsync(http.Response.Body, problem, Json, http.RequestAborted);
    }

    private sealed record Problem(
        string Type, string Title, int Status, string Detail, string Code, string TraceId,
        IReadOnlyDictionary<string, string[]>? Errors)
    {
        [JsonExtensionData] public Dictionary<string, object?>? Extensions { get; init; }
    }
}

/// <summary>The code of the problem a response carries, for whoever records the outcome (the audit trail).</summary>
public sealed record AnsweredProblem(string Code);
