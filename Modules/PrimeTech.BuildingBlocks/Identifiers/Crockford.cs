using System.Security.Cryptography;

namespace PrimeTech.BuildingBlocks.Identifiers;

/// <summary>Crockford base32 (no I, L, O, U) drawn from the operating system's CSPRNG.</summary>
public static class Crockford
{
    public const string Alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Random(int length)
    {
        Span<char> chars = stackalloc char[length];
        for (var i = 0; i < length; i++)
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        return new string(chars);
    }

    public static bool IsCrockford(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
            if (Alphabet.IndexOf(c) < 0) return false;
        return true;
    }
}
