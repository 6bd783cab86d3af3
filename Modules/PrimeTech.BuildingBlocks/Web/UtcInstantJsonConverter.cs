using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrimeTech.BuildingBlocks.Web;

/// <summary>
/// Writes instants as ISO 8601 UTC with <c>Z</c> (<c>"2026-02-03T09:00:00Z"</c>, CODEX_HANDOFF §2.1),
/// whatever offset the value carries; reads any ISO 8601 instant.
/// </summary>
public sealed class UtcInstantJsonConverter : JsonConverter<DateTimeOffset>
{
    public override DateTimeOffset Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.GetDateTimeOffset();

    public override void Write(Utf8JsonWriter writer, DateTimeOffset value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
}
