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

    /// <summary>Lower-case hex SHA-256 of the token.</summary>
    public string Id { get; set; } = "";
    public Guid UserId { get; set; }
    public EmailTokenPurpose Purpose { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
    public DateTimeOffset? InvalidatedAt { get; set; }

    public bool IsUsableAt(DateTimeOffset now) => UsedAt is null && InvalidatedAt is null && now < ExpiresAt;
}
