using System.Reflection;

namespace PrimeTech.ArchitectureTests;

/// <summary>The assemblies of the solution, found from the Host's references so a new module is covered without editing tests.</summary>
public static class Solution
{
    public static readonly string[] ModuleNames = ["Identity", "Ordering", "Billing", "Licensing", "Storage", "Booking", "Audit"];

    public static Assembly Load(string name) => Assembly.Load(name);

    public static Assembly Module(string module) => Load($"PrimeTech.{module}");

    public static Assembly Contracts(string module) => Load($"PrimeTech.{module}.Contracts");

    public static Assembly Web => Load("PrimeTech.Web");

    public static IEnumerable<string> ProjectReferences(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!).Where(n => n.StartsWith("PrimeTech.", StringComparison.Ordinal));
}
