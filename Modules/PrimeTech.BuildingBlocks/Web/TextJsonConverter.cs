using System.Text.Json;
using System.Text.Json.Serialization;

namespace PrimeTech.BuildingBlocks.Web;

/// <summary>
/// Reads JSON strings, refusing the NUL character (<c>\u0000</c>): no field has a use for it, and
/// PostgreSQL cannot store or compare it, so it would otherwise fail deep inside a handler as a 500.
/// The refusal surfaces as 400 <c>MALFORMED_REQUEST</c>, like any unreadable body.
/// </summary>
public sealed class TextJsonConverter : JsonConverter<string>
{
    public override bool HandleNull => false;

    public override string Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var text = reader.GetString()!;
        return text.Contains('\0') ? throw new JsonException("Text may not contain the NUL character.") : text;
    }

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
