using System.Collections.Frozen;
using FluentValidation;

namespace PrimeTech.Identity.Passwords;

/// <summary>The password and email rules shared by every form and endpoint (FRONTEND_HANDOFF §6).</summary>
public static class PasswordRules
{
    public const int MinLength = 12;
    public const int MaxLength = 128;

    private static readonly Lazy<FrozenSet<string>> Common = new(LoadCommonPasswords);

    public static bool IsCommon(string password) => Common.Value.Contains(password.ToLowerInvariant());

    /// <summary>A new password: 12–128 characters (never trimmed), not common, not the email address.</summary>
    public static IRuleBuilderOptions<T, string?> NewPassword<T>(this IRuleBuilderInitial<T, string?> rule, Func<T, string?> email) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter a password")
            .MinimumLength(MinLength).WithMessage("Password must be at least 12 characters")
            .MaximumLength(MaxLength).WithMessage("Password must be 128 characters or fewer")
            .Must(p => !IsCommon(p!)).WithMessage("This password is too common. Choose a less common password")
            .Must((command, p) => !string.Equals(p, EmailAddress.Normalise(email(command)), StringComparison.OrdinalIgnoreCase)
                                  && !string.Equals(p, email(command)?.Trim(), StringComparison.OrdinalIgnoreCase))
            .WithMessage("Your password must not be your email address");

    /// <summary>A password being checked (sign-in, current password): required, and never longer than a new one may be.</summary>
    public static IRuleBuilderOptions<T, string?> ExistingPassword<T>(this IRuleBuilderInitial<T, string?> rule, string emptyMessage) =>
        rule.Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage(emptyMessage)
            .MaximumLength(MaxLength).WithMessage("Password must be 128 characters or fewer");

    public static IRuleBuilderOptions<T, string?> Email<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(e => !string.IsNullOrWhiteSpace(e)).WithMessage("Enter your email address")
            .Must(e => EmailShape.IsMatch(e!.Trim())).WithMessage("Enter an email address in the correct format, like name@example.com")
            .Must(e => e!.Trim().Length <= 254).WithMessage("Email address must be 254 characters or fewer");

    public static IRuleBuilderOptions<T, string?> PersonName<T>(this IRuleBuilderInitial<T, string?> rule) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Enter your name")
            .Must(n => n!.Trim().Length <= 100).WithMessage("Name must be 100 characters or fewer");

    private static readonly System.Text.RegularExpressions.Regex EmailShape =
        new(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    private static FrozenSet<string> LoadCommonPasswords()
    {
        using var stream = typeof(PasswordRules).Assembly.GetManifestResourceStream("PrimeTech.Identity.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the Identity assembly.");
        using var reader = new StreamReader(stream);
        var passwords = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length == 0 || line.StartsWith("# ", StringComparison.Ordinal)) continue;
            passwords.Add(line.ToLowerInvariant());
        }
        return passwords.ToFrozenSet(StringComparer.Ordinal);
    }
}
