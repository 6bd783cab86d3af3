using System.Security.Cryptography;
using FluentValidation;
using System.Text;
using Microsoft.AspNetCore.DataProtection;
using OtpNet;
using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Identity.TwoFactor;

/// <summary>
/// TOTP (RFC 6238: SHA-1, 6 digits, 30 s steps) and recovery codes. The secret must be usable by
/// the server, so it is kept encrypted with ASP.NET Data Protection (whose key ring lives in the
/// identity schema, shared by every instance), never in clear. Recovery codes are random
/// (60 bits) and kept only as SHA-256.
/// </summary>
public sealed class TwoFactorCodes(IDataProtectionProvider protection)
{
    private static readonly VerificationWindow NoWindow = new(previous: 0, future: 0);

    public const string Issuer = "Prime Tech Services";
    public const int RecoveryCodeCount = 10;
    private const int SecretBytes = 20;
    private const int RecoveryCodeGroups = 3;
    private const int RecoveryCodeGroupLength = 4;

    private readonly IDataProtector _protector = protection.CreateProtector("PrimeTech.Identity.TwoFactor.Secret.v1");

    /// <summary>A new secret in base32 (what authenticator apps are given).</summary>
    public static string NewSecret() => Base32Encoding.ToString(KeyGeneration.GenerateRandomKey(SecretBytes));

    public string Protect(string secret) => _protector.Protect(secret);

    public string Unprotect(string protectedSecret) => _protector.Unprotect(protectedSecret);

    public static string OtpauthUri(string secret, string accountEmail) =>
        new OtpUri(OtpType.Totp, secret, accountEmail, Issuer).ToString();

    /// <summary>
    /// The time step a six-digit code matches within the window, if it is later than
    /// <paramref name="lastAcceptedStep"/> (a code already used, or an earlier one, is refused).
    /// </summary>
    public static TotpCheck CheckTotp(string secret, string code, DateTimeOffset now, long? lastAcceptedStep)
    {
        if (!IsTotpShaped(code)) return TotpCheck.Wrong;
        var totp = new Totp(Base32Encoding.ToBytes(secret));
        // One step back and one ahead, as RFC 6238 §5.2 allows for clock drift and typing time.
        for (var offset = -1; offset <= 1; offset++)
        {
            var at = now.UtcDateTime.AddSeconds(offset * 30);
            if (!totp.VerifyTotp(at, code, out var step, NoWindow)) continue;
            if (lastAcceptedStep is { } last && step <= last) return TotpCheck.Reused;
            return TotpCheck.Accepted(step);
        }
        return TotpCheck.Wrong;
    }

    public static bool IsTotpShaped(string code) => code.Length == 6 && code.All(char.IsAsciiDigit);

    /// <summary>Spaces and hyphens dropped, upper case: how codes are compared.</summary>
    public static string Normalise(string? code) =>
        new((code ?? "").Where(c => !char.IsWhiteSpace(c) && c != '-').Select(char.ToUpperInvariant).ToArray());

    /// <summary>Ten new recovery codes (shown once, as <c>XXXX-XXXX-XXXX</c>) and their hashes (stored).</summary>
    public static (IReadOnlyList<string> Codes, List<string> Hashes) NewRecoveryCodes()
    {
        var codes = Enumerable.Range(0, RecoveryCodeCount)
            .Select(_ => string.Join('-', Enumerable.Range(0, RecoveryCodeGroups).Select(_ => Crockford.Random(RecoveryCodeGroupLength))))
            .ToList();
        return (codes, codes.Select(c => HashRecoveryCode(Normalise(c))).ToList());
    }

    public static string HashRecoveryCode(string normalisedCode) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalisedCode)));

    /// <summary>
    /// Checks a TOTP or recovery code against the user's enrolment and, when it is accepted,
    /// records it on <paramref name="user"/> (the step, or the recovery code struck off). The caller
    /// holds the user's sign-in lock, so the check and the record are one step under parallel requests.
    /// </summary>
    public TwoFactorOutcome Verify(User user, string? rawCode, DateTimeOffset now)
    {
        if (user.TwoFactorSecret is null) return TwoFactorOutcome.CodeRefused;
        var code = Normalise(rawCode);
        if (IsTotpShaped(code))
        {
            var check = CheckTotp(Unprotect(user.TwoFactorSecret), code, now, user.LastTwoFactorStep);
            if (check.Step is not { } step) return check.IsReuse ? TwoFactorOutcome.CodeReused : TwoFactorOutcome.CodeRefused;
            user.LastTwoFactorStep = step;
            return TwoFactorOutcome.CodeAccepted;
        }
        if (code.Length != RecoveryCodeGroups * RecoveryCodeGroupLength || !Crockford.IsCrockford(code)) return TwoFactorOutcome.CodeRefused;
        var hash = HashRecoveryCode(code);
        var index = user.RecoveryCodeHashes.FindIndex(h => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(h), Encoding.ASCII.GetBytes(hash)));
        if (index < 0) return TwoFactorOutcome.CodeRefused;
        user.RecoveryCodeHashes.RemoveAt(index);
        return TwoFactorOutcome.RecoveryCodeUsed;
    }
}

/// <summary>The result of checking a six-digit code: the matched step, a reuse, or wrong.</summary>
public sealed record TotpCheck(long? Step, bool IsReuse)
{
    public static readonly TotpCheck Wrong = new(null, false);
    public static readonly TotpCheck Reused = new(null, true);

    public static TotpCheck Accepted(long step) => new(step, false);
}

/// <summary>
/// The distinct outcomes of two-factor use, named so that an audit trail can record each as it is.
/// </summary>
public enum TwoFactorOutcome
{
    Enrolled,
    CodeAccepted,
    CodeRefused,
    CodeReused,
    RecoveryCodeUsed,
    Disabled,
}

public static class TwoFactorCodeRules
{
    /// <summary>The longest code accepted: a recovery code with its hyphens and some spaces (CODEX_HANDOFF §2.1).</summary>
    public const int MaxLength = 32;

    /// <summary>A TOTP or recovery code: required, at most <see cref="MaxLength"/> characters.</summary>
    public static IRuleBuilderOptions<T, string?> TwoFactorCode<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.NotEmpty().WithMessage("Enter the code from your authenticator app, or a recovery code")
            .MaximumLength(MaxLength).WithMessage($"The code must be {MaxLength} characters or fewer");
}
