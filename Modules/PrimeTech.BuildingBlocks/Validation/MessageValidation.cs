using System.Reflection;
using FluentValidation;
using JasperFx;
using JasperFx.CodeGeneration;
using JasperFx.CodeGeneration.Frames;
using Microsoft.Extensions.DependencyInjection;
using Wolverine.Configuration;
using Wolverine.Runtime.Handlers;

namespace PrimeTech.BuildingBlocks.Validation;

/// <summary>
/// FluentValidation as Wolverine middleware: every message that has a validator is validated before
/// its handler runs, whether it was sent, published or invoked, so no handler calls its validator
/// and none can forget to. A failure is VALIDATION_FAILED with the field errors
/// (<see cref="ValidationExtensions.EnsureValid{T}"/>), before anything is loaded or written.
/// </summary>
public static class MessageValidation
{
    /// <summary>Registers the validators of a module's assembly (stateless, so one instance each).</summary>
    public static IServiceCollection AddMessageValidators(this IServiceCollection services, Assembly assembly) =>
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Singleton, includeInternalTypes: true);

    /// <summary>The middleware call the policy puts in front of a handler of <typeparamref name="T"/>.</summary>
    public static void Validate<T>(IValidator<T> validator, T message) =>
        validator.EnsureValid(message is ICleanable<T> cleanable ? cleanable.Cleaned() : message);
}

/// <summary>Adds <see cref="MessageValidation.Validate{T}"/> to every handler chain whose message has a registered validator.</summary>
public sealed class MessageValidationPolicy : IHandlerPolicy
{
    public void Apply(IReadOnlyList<HandlerChain> chains, GenerationRules rules, IServiceContainer container)
    {
        foreach (var chain in chains)
        {
            var validatorType = typeof(IValidator<>).MakeGenericType(chain.MessageType);
            var count = container.RegistrationsFor(validatorType).Count;
            if (count == 0) continue;
            if (count > 1)
                throw new InvalidOperationException($"{chain.MessageType.FullName} has {count} validators; a message has one.");
            var method = typeof(MessageValidation).GetMethod(nameof(MessageValidation.Validate))!.MakeGenericMethod(chain.MessageType);
            // First of all: before the handler class's own Load and Before steps, which come earlier in the list.
            chain.Middleware.Insert(0, new MethodCall(typeof(MessageValidation), method));
        }
    }
}

/// <summary>
/// A message whose handler works on its input trimmed and normalised (case, line ends): it is
/// validated as its handler will see it, so <c>" 1.4.0 "</c> is a valid version.
/// </summary>
public interface ICleanable<out T>
{
    T Cleaned();
}
