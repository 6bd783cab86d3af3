using Carter;
using Microsoft.Extensions.Hosting;
using PrimeTech.BuildingBlocks.Operations;
using NetArchTest.Rules;
using Wolverine;
using Xunit;

namespace PrimeTech.ArchitectureTests;

/// <summary>
/// The flow layer (DECISIONS D-119): a flow runs the steps of one use case that spans modules, each
/// step a message to the module that owns it, and is called by an endpoint or a page. It lives in
/// its module's <c>Flows</c> namespace, is named for what it runs, and reaches data only through
/// messages. Besides flows, only a module's HTTP endpoints, its background services and its seed
/// steps send messages.
/// </summary>
public sealed class FlowLayerTests
{
    public static TheoryData<string> Modules => new(Solution.ModuleNames);

    [Theory]
    [MemberData(nameof(Modules))]
    public void Flows_and_only_flows_live_in_the_modules_Flows_namespace(string module)
    {
        var flowsNamespace = $"PrimeTech.{module}.Flows";
        var misplaced = PublicTypes(module)
            .Where(t => t.Name.EndsWith("Flow", StringComparison.Ordinal) != (t.Namespace == flowsNamespace))
            .Select(t => t.FullName)
            .ToList();
        Assert.True(misplaced.Count == 0, $"Flows belong in {flowsNamespace} and nothing else does: {string.Join(", ", misplaced)}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Flows_reach_data_only_through_messages(string module)
    {
        var internals = Solution.Module(module).GetTypes()
            .Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Store", StringComparison.Ordinal))
            .Select(t => t.FullName!)
            .ToArray();
        var result = Types.InAssembly(Solution.Module(module))
            .That().ResideInNamespace($"PrimeTech.{module}.Flows")
            .Should().NotHaveDependencyOnAny(["Marten", "Npgsql", "Weasel", .. internals])
            .GetResult();
        Assert.True(result.IsSuccessful,
            $"Flows touch a store, a session or a handler: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Only_flows_endpoints_background_services_and_seed_steps_send_messages(string module)
    {
        var senders = Types.InAssembly(Solution.Module(module))
            .That().HaveDependencyOn(typeof(IMessageBus).FullName)
            .GetTypes()
            .Select(Outermost)
            .Where(t => t.Namespace != $"PrimeTech.{module}.Flows" && !AllowedSenders.Any(allowed => allowed.IsAssignableFrom(t)))
            .Select(t => t.FullName)
            .Distinct()
            .ToList();
        Assert.True(senders.Count == 0, $"Only flows, endpoints, background services and seed steps take IMessageBus: {string.Join(", ", senders)}");
    }

    private static readonly Type[] AllowedSenders = [typeof(ICarterModule), typeof(IHostedService), typeof(ISeedStep)];

    private static IEnumerable<Type> PublicTypes(string module) => Solution.Module(module).GetTypes().Where(t => t.IsPublic);

    /// <summary>A lambda's closure or an async state machine counts as the type it was written in.</summary>
    private static Type Outermost(Type type) => type.DeclaringType is { } outer ? Outermost(outer) : type;
}
