using System.Net;
using System.Net.Sockets;

namespace PrimeTech.Testing;

/// <summary>
/// A loopback TCP relay in front of a shared service (S3, SMTP), so a test can take that service
/// away from the app under test alone: <see cref="GoDown"/> cuts every open connection and, until
/// <see cref="ComeBack"/>, answers each new one by closing it at once (counted in
/// <see cref="RefusedConnections"/>), which is what the app sees of a server that is down.
/// </summary>
public sealed class TcpRelay : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly int _targetPort;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<TcpClient> _open = [];
    private readonly Task _accepting;
    private volatile bool _down;
    private int _refused;

    public TcpRelay(int targetPort)
    {
        _targetPort = targetPort;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    public int Port { get; }

    public int RefusedConnections => Volatile.Read(ref _refused);

    public void GoDown()
    {
        _down = true;
        lock (_gate)
        {
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    public void ComeBack() => _down = false;

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            if (_down)
            {
                Interlocked.Increment(ref _refused);
                client.Client.LingerState = new LingerOption(true, 0);
                client.Dispose();
                continue;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var upstream = new TcpClient();
        try
        {
            await upstream.ConnectAsync(IPAddress.Loopback, _targetPort, _stopping.Token);
            lock (_gate)
            {
                _open.Add(client);
                _open.Add(upstream);
            }
            var there = client.GetStream().CopyToAsync(upstream.GetStream(), _stopping.Token);
            var back = upstream.GetStream().CopyToAsync(client.GetStream(), _stopping.Token);
            await Task.WhenAny(there, back);
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // A cut connection is the point of the relay.
        }
        finally
        {
            lock (_gate)
            {
                _open.Remove(client);
                _open.Remove(upstream);
            }
            client.Dispose();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        GoDown();
        await _accepting;
        _stopping.Dispose();
    }
}
