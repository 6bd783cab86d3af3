using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace PrimeTech.BuildingBlocks.Configuration;

public static class ValidatedOptions
{
    /// <summary>
    /// Binds a configuration section and validates it when the host starts, failing with messages
    /// that name the configuration key (e.g. "Smtp:Host: The Host field is required.").
    /// </summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// One more rule on an options type already registered with <see cref="AddValidatedOptions{T}"/>:
    /// when <paramref name="refused"/> holds, the host does not start and says why, naming the key.
    /// </summary>
    public static IServiceCollection AddOptionsRule<T>(this IServiceCollection services, string key, Func<T, bool> refused, string message)
        where T : class =>
        services.AddSingleton<IValidateOptions<T>>(new RuleValidator<T>(key, refused, message));

    private sealed class RuleValidator<T>(string key, Func<T, bool> refused, string message) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            refused(options) ? ValidateOptionsResult.Fail($"Configuration key '{key}': {message}") : ValidateOptionsResult.Success;
    }

    private sealed class SectionValidator<T>(string section) : IValidateOptions<T> where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options)
        {
            var results = new List<ValidationResult>();
            if (Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
                return ValidateOptionsResult.Success;
            return ValidateOptionsResult.Fail(results.Select(r =>
                $"Configuration key '{section}:{r.MemberNames.FirstOrDefault()}': {r.ErrorMessage}"));
        }
    }
}
