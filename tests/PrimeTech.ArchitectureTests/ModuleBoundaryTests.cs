using NetArchTest.Rules;
using Xunit;

namespace PrimeTech.ArchitectureTests;

public sealed class ModuleBoundaryTests
{
    public static TheoryData<string> Modules => new(Solution.ModuleNames);

    // A type can only come from a referenced assembly, so this also keeps every module away from
    // the others' internals, the Web and the Host.
    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_references_only_building_blocks_and_contracts(string module)
    {
        var allowed = new HashSet<string> { "PrimeTech.BuildingBlocks" };
        foreach (var other in Solution.ModuleNames) allowed.Add($"PrimeTech.{other}.Contracts");

        var illegal = Solution.ProjectReferences(Solution.Module(module)).Where(r => !allowed.Contains(r)).ToList();

        Assert.True(illegal.Count == 0, $"PrimeTech.{module} references {string.Join(", ", illegal)}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Contracts_depend_only_on_the_base_library(string module)
    {
        var references = Solution.Contracts(module).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n != "System.Runtime" && n != "netstandard" && n != "System.Collections")
            .ToList();
        Assert.True(references.Count == 0, $"PrimeTech.{module}.Contracts depends on {string.Join(", ", references)}");
    }

    [Fact]
    public void The_licence_client_library_depends_on_no_server_assembly_and_no_web_framework()
    {
        var client = Solution.Load("PrimeTech.Licensing.Client");
        var references = client.GetReferencedAssemblies().Select(a => a.Name!).ToList();

        Assert.Empty(Solution.ProjectReferences(client));
        Assert.DoesNotContain(references, r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || r.StartsWith("Marten", StringComparison.Ordinal)
            || r.StartsWith("Wolverine", StringComparison.Ordinal));
        Assert.Contains("NSec.Cryptography", references);
    }

    [Fact]
    public void Web_touches_no_store_no_handler_and_no_database()
    {
        var moduleInternals = Solution.ModuleNames
            .SelectMany(m => Solution.Module(m).GetTypes())
            .Where(t => t.Name.EndsWith("Handler", StringComparison.Ordinal) || t.Name.EndsWith("Store", StringComparison.Ordinal))
            .Select(t => t.FullName!)
            .ToArray();

        var result = Types.InAssembly(Solution.Web)
            .Should().NotHaveDependencyOnAny(["Marten", "Npgsql", "Weasel", .. moduleInternals])
            .GetResult();

        Assert.True(result.IsSuccessful,
            $"Web types touch stores or handlers: {string.Join(", ", result.FailingTypes?.Select(t => t.FullName) ?? [])}");
    }
}
