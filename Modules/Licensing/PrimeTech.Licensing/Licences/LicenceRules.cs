using FluentValidation;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Licensing.Licences;

/// <summary>Rules shared by the licence use cases: key shape, machine fields, lookup by key.</summary>
public static class LicenceRules
{
    public const int FingerprintMinLength = 16;
    public const int FingerprintMaxLength = 128;
    public const int MachineNameMaxLength = 100;
    public const int ReasonMaxLength = 500;

    public const string FingerprintMessage = "Fingerprint must be 16 to 128 characters: letters, numbers and + / = _ : . -";

    /// <summary>The key trimmed and upper-cased, or INVALID_LICENCE_KEY (400) when it is not of the <c>LIC-…</c> shape.</summary>
    public static string NormaliseKey(string? input) =>
        LicenceKey.TryNormalise(input, out var key) ? key : throw LicensingErrors.InvalidKey();

    /// <summary>A key from a route: the wrong shape is simply not found (404), never 400.</summary>
    public static string NormaliseRouteKey(string? input) =>
        LicenceKey.TryNormalise(input, out var key) ? key : throw DomainException.NotFound("The licence");

    public static string? NormaliseMachineName(string? machineName) =>
        string.IsNullOrWhiteSpace(machineName) ? null : machineName.Trim();

    public static Task<Licence?> ByKeyAsync(IQuerySession session, string key, CancellationToken ct) =>
        session.QueryAsync(new LicenceByKey { Key = key }, ct);

    /// <summary>The licence API's load step: the key as the software sent it, or LICENCE_NOT_FOUND.</summary>
    public static async Task<Licence> ByKeyOrNotFoundAsync(IQuerySession session, string? rawKey, CancellationToken ct)
    {
        var key = NormaliseKey(rawKey);
        return await ByKeyAsync(session, key, ct) ?? throw LicensingErrors.NotFound(key);
    }

    public static void FingerprintRules<T>(this AbstractValidator<T> validator, Func<T, string?> fingerprint)
    {
        validator.RuleFor(x => fingerprint(x))
            .Cascade(CascadeMode.Stop)
            .NotEmpty().WithMessage("Enter the machine fingerprint")
            .Length(FingerprintMinLength, FingerprintMaxLength).WithMessage(FingerprintMessage)
            .Matches("^[A-Za-z0-9+/=_:.-]+$").WithMessage(FingerprintMessage)
            .OverridePropertyName("fingerprint");
    }

    public static void ReasonRules<T>(this AbstractValidator<T> validator, Func<T, string?> reason, bool required)
    {
        var rule = validator.RuleFor(x => reason(x) == null ? null : reason(x)!.Trim()).Cascade(CascadeMode.Stop);
        if (required) rule.NotEmpty().WithMessage("Enter a reason");
        rule.MaximumLength(ReasonMaxLength).WithMessage("Reason must be 500 characters or fewer").OverridePropertyName("reason");
    }
}
