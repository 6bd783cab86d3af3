using System.Net.Http.Json;

namespace PrimeTech.Licensing.Tests;

/// <summary>The installed software's side of the licence API: JSON over HTTP, no cookie; to the fixture's host unless given another.</summary>
public sealed class LicenceApiClient(AppFixture app, IAlbaHost? host = null)
{
    public Task<ApiAnswer> ActivateAsync(string? key, string? fingerprint, string? machineName = null) =>
        PostAsync("/api/licences/activate", new { licenceKey = key, fingerprint, machineName });

    public Task<ApiAnswer> ValidateAsync(string? key, string? fingerprint) =>
        PostAsync("/api/licences/validate", new { licenceKey = key, fingerprint });

    public Task<ApiAnswer> DeactivateAsync(string? key, string? fingerprint) =>
        PostAsync("/api/licences/deactivate", new { licenceKey = key, fingerprint });

    public async Task<ApiAnswer> PostAsync(string path, object body)
    {
        using var client = (host ?? app.Host).Server.CreateClient();
        using var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        return new ApiAnswer(response.StatusCode, response.Content.Headers.ContentType?.MediaType,
            response.Headers.RetryAfter?.Delta, text.Length == 0 ? default : JsonDocument.Parse(text).RootElement.Clone());
    }

    public static string NewFingerprint() => "fp-" + Guid.NewGuid().ToString("N");
}

public sealed record ApiAnswer(HttpStatusCode Status, string? MediaType, TimeSpan? RetryAfter, JsonElement Body)
{
    public string? Code => Body.ValueKind == JsonValueKind.Object && Body.TryGetProperty("code", out var code) ? code.GetString() : null;

    public string? String(string property) => Body.GetProperty(property).GetString();

    public bool Bool(string property) => Body.GetProperty(property).GetBoolean();
}
