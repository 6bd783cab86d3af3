using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace PrimeTech.Identity.Sessions;

/// <summary>Opaque secrets (session cookies, emailed links): 32 CSPRNG bytes as base64url; stored only as SHA-256.</summary>
public static class SecretTokens
{
    public const int Length = 43;

    public static string New() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>Lower-case hex SHA-256 of the token's text.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>The shape of a token we issued: cheap to check before touching the database.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: Length } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}

/// <summary>A session just opened: the token goes into the cookie, and nowhere else.</summary>
public sealed record IssuedSession(string Token, Guid SessionId, DateTimeOffset? CookieExpires);

public static class SessionIssuer
{
    public const int MaxUserAgentLength = 512;

    public static (UserSession Session, IssuedSession Issued) Open(
        Guid userId, bool persistent, string? ipAddress, string? userAgent, DateTimeOffset now, SessionLifetimeOptions options)
    {
        var token = SecretTokens.New();
        var session = new UserSession
        {
            Id = Guid.CreateVersion7(now),
            TokenHash = SecretTokens.Hash(token),
            UserId = userId,
            CreatedAt = now,
            LastSeenAt = now,
            IdleTimeout = persistent ? options.PersistentIdleTimeout : options.IdleTimeout,
            AbsoluteExpiresAt = now + (persistent ? options.PersistentAbsoluteLifetime : options.AbsoluteLifetime),
            Persistent = persistent,
            IpAddress = ipAddress ?? "",
            UserAgent = Truncate(userAgent),
        };
        return (session, new IssuedSession(token, session.Id, persistent ? session.AbsoluteExpiresAt : null));
    }

    public static string Truncate(string? userAgent) =>
        userAgent is null ? "" : userAgent.Length <= MaxUserAgentLength ? userAgent : userAgent[..MaxUserAgentLength];
}
