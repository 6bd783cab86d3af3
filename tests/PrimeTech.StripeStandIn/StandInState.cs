using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace PrimeTech.StripeStandIn;

/// <summary>Everything the stand-in knows, in memory. Objects are kept as Stripe-shaped JSON.</summary>
public sealed class StandInState
{
    public ConcurrentDictionary<string, JsonObject> Sessions { get; } = new();
    public ConcurrentDictionary<string, SessionDetails> SessionDetails { get; } = new();
    public ConcurrentDictionary<string, JsonObject> PaymentIntents { get; } = new();
    public ConcurrentDictionary<string, JsonObject> Charges { get; } = new();
    public ConcurrentDictionary<string, JsonObject> Refunds { get; } = new();
    public ConcurrentDictionary<string, StoredEvent> Events { get; } = new();

    /// <summary>Idempotency-Key → (request fingerprint, status, response body).</summary>
    public ConcurrentDictionary<string, (string Fingerprint, int Status, string Body)> Idempotency { get; } = new();

    public static string NewId(string prefix) =>
        $"{prefix}_test_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12))}";

    public void Reset()
    {
        Sessions.Clear();
        SessionDetails.Clear();
        PaymentIntents.Clear();
        Charges.Clear();
        Refunds.Clear();
        Events.Clear();
        Idempotency.Clear();
    }

    /// <summary>Serialises object access per session, so a pay and an expire cannot interleave.</summary>
    public object LockFor(string id) => _locks.GetOrAdd(id, _ => new object());

    private readonly ConcurrentDictionary<string, object> _locks = new();
}

public sealed class StoredEvent(string id, string type, string? sessionId, string payload)
{
    public string Id { get; } = id;
    public string Type { get; } = type;
    public string? SessionId { get; } = sessionId;

    /// <summary>The exact JSON body that is signed and delivered.</summary>
    public string Payload { get; } = payload;

    public ConcurrentQueue<DeliveryAttempt> Attempts { get; } = new();
}

public sealed record DeliveryAttempt(DateTimeOffset At, int Status, string Body, string Kind);

/// <summary>What a session was created with that Stripe does not echo in the session object.</summary>
public sealed record SessionDetails(IReadOnlyList<SessionLine> Lines, JsonObject IntentMetadata);

public sealed record SessionLine(string Name, string? Description, long UnitAmount, long Quantity);
