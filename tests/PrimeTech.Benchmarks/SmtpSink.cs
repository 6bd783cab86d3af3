using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace PrimeTech.Benchmarks;

/// <summary>
/// The smallest SMTP server the app's mail sender needs, in the benchmark's process: it accepts
/// every message and keeps only email-verification tokens, by recipient. The benchmark's thousands
/// of receipts with PDFs so never reach the shared maildev that other test runs read.
/// </summary>
public sealed partial class SmtpSink : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly ConcurrentDictionary<string, string> _tokens = new(StringComparer.OrdinalIgnoreCase);
    private readonly CancellationTokenSource _stop = new();

    public SmtpSink()
    {
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public Task<string> VerificationTokenAsync(string email, TimeSpan timeout) =>
        Eventually.GetAsync(() => Task.FromResult(_tokens.GetValueOrDefault(email)), $"a verification email to {email}", timeout);

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
            catch (OperationCanceledException) { return; }
            catch (ObjectDisposedException) { return; }
            _ = ServeAsync(client);
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                var stream = client.GetStream();
                using var reader = new StreamReader(stream, Encoding.ASCII);
                await using var writer = new StreamWriter(stream, Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };
                await writer.WriteLineAsync("220 bench-smtp");
                var recipients = new List<string>();
                while (await reader.ReadLineAsync() is { } line)
                {
                    var verb = line.Length >= 4 ? line[..4].ToUpperInvariant() : line.ToUpperInvariant();
                    switch (verb)
                    {
                        case "EHLO":
                        case "HELO":
                            await writer.WriteLineAsync("250 bench-smtp");
                            break;
                        case "RCPT":
                            recipients.Add(Address().Match(line).Groups[1].Value);
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "DATA":
                            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                            var body = new StringBuilder();
                            while (await reader.ReadLineAsync() is { } data && data != ".")
                                if (body.Length < 64 * 1024) body.Append(data).Append('\n');
                            Keep(recipients, body.ToString());
                            recipients.Clear();
                            await writer.WriteLineAsync("250 OK");
                            break;
                        case "QUIT":
                            await writer.WriteLineAsync("221 Bye");
                            return;
                        default:
                            await writer.WriteLineAsync("250 OK");
                            break;
                    }
                }
            }
            catch (IOException)
            {
            }
        }
    }

    private void Keep(List<string> recipients, string body)
    {
        // Quoted-printable: soft line breaks and "=" encoded as "=3D".
        var text = body.Replace("=\n", "").Replace("=3D", "=");
        if (VerifyToken().Match(text) is { Success: true } found)
            foreach (var recipient in recipients) _tokens[recipient] = found.Groups[1].Value;
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
    }

    [GeneratedRegex(@"<([^>]+)>")]
    private static partial Regex Address();

    [GeneratedRegex(@"/verify-email\?token=([A-Za-z0-9_-]+)")]
    private static partial Regex VerifyToken();
}
