using PrimeTech.Licensing.Client;

// A console sample of the licence client:
//   dotnet run -- <site> <keyId>=<publicKey> <licenceKey> [activate|validate|heartbeat|update <version>|file <path>|deactivate]
// e.g. dotnet run -- http://127.0.0.1:5080 development=AbC...= LIC-7K3M-Q9XD-4TWP activate
// (the key comes from GET /api/licences/keys; real software ships it pinned).
if (args.Length < 4 || args[1].IndexOf('=') <= 0)
{
    Console.Error.WriteLine("Usage: <site> <keyId>=<publicKey> <licenceKey> activate|validate|heartbeat|update <version>|file <path>|deactivate");
    return 2;
}

var separator = args[1].IndexOf('=');
var client = new LicensingClient(
    new HttpClient { BaseAddress = new Uri(args[0].TrimEnd('/') + "/"), Timeout = TimeSpan.FromSeconds(10) },
    new LicensingClientOptions { Keys = new PinnedKeys(new Dictionary<string, string> { [args[1][..separator]] = args[1][(separator + 1)..] }) });
var licenceKey = args[2];
Console.WriteLine($"This machine's fingerprint: {client.Fingerprint}");

switch (args[3])
{
    case "update":
        var update = await client.CheckForUpdatesAsync(licenceKey, args.ElementAtOrDefault(4) ?? "0.0.0");
        Console.WriteLine($"{update.State}: {update.Message}");
        if (update.Update is { } available) Console.WriteLine($"{available.Version} ({available.SizeBytes} bytes, sha256 {available.Sha256}) {available.Url}");
        return update.State is UpdateState.Available or UpdateState.UpToDate ? 0 : 1;
    default:
        var result = args[3] switch
        {
            "activate" => await client.ActivateAsync(licenceKey, Environment.MachineName),
            "validate" => await client.ValidateAsync(licenceKey),
            "heartbeat" => await client.HeartbeatAsync(licenceKey),
            "deactivate" => await client.DeactivateAsync(licenceKey),
            "file" => client.LoadOfflineFile(args.ElementAtOrDefault(4) ?? licenceKey + ".lic"),
            _ => new LicenceResult(LicenceState.Invalid, null, $"Unknown command {args[3]}.", null),
        };
        Console.WriteLine($"{result.State}: {result.Message}");
        if (result.Lease is { } lease) Console.WriteLine($"Lease for {lease.ProductSku} until {lease.ExpiresAt:u}");
        return result.IsValid ? 0 : 1;
}
