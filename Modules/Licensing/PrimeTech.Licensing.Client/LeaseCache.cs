using System.Text;
using System.Text.Json;

namespace PrimeTech.Licensing.Client;

/// <summary>
/// The last signed answer that carried a lease, kept on disk exactly as received (body bytes and
/// signature header), and verified again on every read: editing the file voids it.
/// </summary>
internal sealed class LeaseCache(string directory)
{
    private sealed record Entry(string Signature, string Body);

    public void Save(string licenceKey, string signature, byte[] body)
    {
        Directory.CreateDirectory(directory);
        var path = PathFor(licenceKey);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, JsonSerializer.Serialize(new Entry(signature, Convert.ToBase64String(body))), Encoding.UTF8);
        File.Move(temporary, path, overwrite: true);
    }

    public (string Signature, byte[] Body)? Load(string licenceKey)
    {
        var path = PathFor(licenceKey);
        if (!File.Exists(path)) return null;
        try
        {
            var entry = JsonSerializer.Deserialize<Entry>(File.ReadAllText(path, Encoding.UTF8));
            return entry is null ? null : (entry.Signature, Convert.FromBase64String(entry.Body));
        }
        catch (Exception e) when (e is JsonException or FormatException)
        {
            return null;
        }
    }

    public void Remove(string licenceKey)
    {
        var path = PathFor(licenceKey);
        if (File.Exists(path)) File.Delete(path);
    }

    private string PathFor(string licenceKey) =>
        Path.Combine(directory, string.Concat(licenceKey.Where(c => char.IsAsciiLetterOrDigit(c) || c == '-')) + ".lease");
}
