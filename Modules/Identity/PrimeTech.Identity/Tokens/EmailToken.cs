namespace PrimeTech.Identity.Tokens;

public enum EmailTokenPurpose
{
    VerifyEmail,
    ResetPassword,
}

/// <summary>
/// A single-use token sent in an emailed link. Only its SHA-256 is stored (<see cref="Id"/>), so the
/// database cannot be used to forge links.
/// </summary>
public sealed class EmailToken
{
    public static readonly TimeSpan VerifyEmailLifetime = TimeSpan.FromHours(24);
    public static readonly TimeSpan ResetPasswordLifetime = TimeSpan.FromHours(1);

    /// <summary>The id of a token whose email is not sent yet: never the hash of a well-formed token.</summary>
    public const string PendingIdPrefix = "pending:";

    /// <summary>Lower-case hex SHA-256 of the token once emailed; <see cref="PendingIdPrefix"/> and a GUID until then.</summary>
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public EmailTokenPurpose Purpose { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? InvalidatedAt { get; set; }

    /// <summary>For a token that was emailed: the pending token it was drawn for.</summary>
    public string? DeliveryOf { get; set; }

    /// <summary>The same token, now known by the hash of the secret that was emailed.</summary>
    public EmailToken DeliveredAs(string hash) => new()
    {
        Id = hash,
        UserId = UserId,
        Purpose = Purpose,
        CreatedAt = CreatedAt,
        ExpiresAt = ExpiresAt,
        DeliveryOf = Id,
    };

    public bool IsUsableAt(DateTimeOffset now) => UsedAt is null && InvalidatedAt is null && now < ExpiresAt;
}
