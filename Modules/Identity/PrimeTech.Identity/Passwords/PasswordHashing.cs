using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace PrimeTech.Identity.Passwords;

/// <summary>
/// Password hashing with ASP.NET Core's <see cref="PasswordHasher{TUser}"/>, V3 format:
/// PBKDF2-HMAC-SHA512 with <see cref="IterationCount"/> iterations, 128-bit salt, 256-bit subkey.
/// Unknown emails are checked against a dummy hash of the same cost, so timing does not tell
/// whether an account exists.
/// </summary>
public sealed class PasswordHashing(IPasswordHasher<User> hasher)
{
    public const int IterationCount = 210_000;

    private readonly Lazy<string> _dummyHash = new(() =>
        hasher.HashPassword(new User(), Convert.ToBase64String(RandomNumberGenerator.GetBytes(24))));

    public string Hash(User user, string password) => hasher.HashPassword(user, password);

    /// <summary>Checks a password; <paramref name="rehashed"/> is set when the stored hash is weaker than today's settings.</summary>
    public bool Verify(User user, string password, out string? rehashed)
    {
        rehashed = null;
        var result = hasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (result == PasswordVerificationResult.SuccessRehashNeeded)
            rehashed = hasher.HashPassword(user, password);
        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Spends the same work as a real check, for an email that has no account.</summary>
    public void VerifyAgainstDummy(string password) =>
        hasher.VerifyHashedPassword(new User(), _dummyHash.Value, password);
}
