using System.Net.Http.Json;
using System.Text.Json.Serialization;

namespace PrimeTech.Testing;

/// <summary>Reads the messages delivered to the maildev SMTP sink through its REST API.</summary>
public sealed class MailSink(HttpClient http)
{
    public static MailSink Create() => new(new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{TestServices.MailWebPort}/") });

    /// <summary>Polls until a message to <paramref name="to"/> matching <paramref name="match"/> arrives, or fails after the deadline.</summary>
    public async Task<DeliveredEmail> WaitForAsync(string to, Func<DeliveredEmail, bool>? match = null, TimeSpan? timeout = null)
    {
        return await Eventually.GetAsync(
            async () => (await ForAsync(to)).LastOrDefault(m => match?.Invoke(m) ?? true),
            $"an email to {to}", timeout ?? TimeSpan.FromSeconds(20));
    }

    public async Task<IReadOnlyList<DeliveredEmail>> ForAsync(string to) => For(await AllAsync(), to);

    /// <summary>Every message in the sink, for a test that looks for many recipients in one read.</summary>
    public async Task<IReadOnlyList<DeliveredEmail>> AllAsync() =>
        await http.GetFromJsonAsync<List<DeliveredEmail>>("api/email") ?? [];

    public static IReadOnlyList<DeliveredEmail> For(IEnumerable<DeliveredEmail> messages, string to) =>
        messages.Where(m => m.To.Any(a => string.Equals(a.Address, to, StringComparison.OrdinalIgnoreCase))).ToList();

    public Task<byte[]> AttachmentAsync(DeliveredEmail email, string generatedFileName) =>
        http.GetByteArrayAsync($"api/email/{email.Id}/attachment/{Uri.EscapeDataString(generatedFileName)}");

    /// <summary>The text of the one PDF attached as <paramref name="fileName"/> (failing if there is none, or it is not a PDF).</summary>
    public async Task<string> PdfAttachmentTextAsync(DeliveredEmail email, string fileName)
    {
        var attachment = (email.Attachments ?? []).SingleOrDefault(a => a.FileName == fileName)
                         ?? throw new InvalidOperationException(
                             $"The email \"{email.Subject}\" has no attachment {fileName} (it has: {string.Join(", ", (email.Attachments ?? []).Select(a => a.FileName))}).");
        if (attachment.ContentType != "application/pdf")
            throw new InvalidOperationException($"{fileName} is attached as {attachment.ContentType}, not application/pdf.");
        return PdfText.Of(await AttachmentAsync(email, attachment.GeneratedFileName));
    }
}

public sealed class DeliveredEmail
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("subject")] public string Subject { get; set; } = "";
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("html")] public string? Html { get; set; }
    [JsonPropertyName("to")] public List<MailAddress> To { get; set; } = [];
    [JsonPropertyName("attachments")] public List<MailAttachment>? Attachments { get; set; }

    /// <summary>The headers as the sink parsed them (lower-case names).</summary>
    [JsonPropertyName("headers")] public Dictionary<string, System.Text.Json.JsonElement>? Headers { get; set; }

    /// <summary>The Message-ID header, angle brackets included (null when the sink has none).</summary>
    public string? MessageId => Headers?.TryGetValue("message-id", out var id) == true ? id.GetString() : null;

    /// <summary>The SMTP envelope: whom the message was actually delivered to (RCPT TO), whatever its headers say.</summary>
    [JsonPropertyName("envelope")] public MailEnvelope? Envelope { get; set; }
}

public sealed class MailAddress
{
    [JsonPropertyName("address")] public string Address { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
}

public sealed class MailEnvelope
{
    [JsonPropertyName("to")] public List<MailAddress> To { get; set; } = [];
}

public sealed class MailAttachment
{
    [JsonPropertyName("fileName")] public string? FileName { get; set; }
    [JsonPropertyName("generatedFileName")] public string GeneratedFileName { get; set; } = "";
    [JsonPropertyName("contentType")] public string? ContentType { get; set; }
}
