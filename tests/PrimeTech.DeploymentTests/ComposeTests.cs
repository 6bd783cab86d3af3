using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using System.Reflection;

namespace PrimeTech.DeploymentTests;

/// <summary>
/// compose.yaml cannot be run here (no Docker engine): Debian's docker-compose validates it, and
/// every configuration key the Host requires (read from the options classes, not listed again
/// here) is set for the app and its one-shot migrate and seed services.
/// </summary>
[Collection(DeploymentCollection.Name), Trait("Category", "Deployment")]
public sealed class ComposeTests
{
    [Fact]
    public async Task Compose_validates_with_the_example_settings()
    {
        var result = await ComposeAsync("config", "-q");

        Assert.True(result.ExitCode == 0, result.Error);
    }

    [Fact]
    public async Task Compose_refuses_to_run_without_the_secrets()
    {
        var result = await ComposeAsync(withSecrets: false, "config", "-q");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(" in .env", result.Error);
    }

    [Theory]
    [InlineData("app")]
    [InlineData("migrate")]
    [InlineData("seed")]
    public async Task Every_service_running_the_Host_is_given_every_required_key(string service)
    {
        // docker-compose's own YAML loader reads the resolved file back (python3-yaml comes with it).
        var config = await ComposeAsync("config");
        Assert.True(config.ExitCode == 0, config.Error);
        var keys = await RunAsync("python3", config.Output, "-c",
            $"import sys, yaml; print('\\n'.join(yaml.safe_load(sys.stdin)['services']['{service}']['environment']))");
        var named = keys.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet();

        var required = RequiredKeys().ToList();
        Assert.Contains("Site__PublicUrl", required);
        Assert.All(required, key => Assert.Contains(key, named));
        Assert.Equal("Production", (await RunAsync("python3", config.Output, "-c",
            $"import sys, yaml; print(yaml.safe_load(sys.stdin)['services']['{service}']['environment']['ASPNETCORE_ENVIRONMENT'])")).Output.Trim());
    }

    /// <summary>
    /// The connection string, and each <c>[Required]</c> property of an options class (one with a
    /// <c>Section</c> constant) in the Host's assemblies, as environment variable names; a
    /// required list needs its first item.
    /// </summary>
    private static IEnumerable<string> RequiredKeys()
    {
        yield return "ConnectionStrings__Postgres";
        foreach (var type in HostAssemblies().SelectMany(a => a.GetTypes()))
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is not { IsLiteral: true } section) continue;
            foreach (var property in type.GetProperties().Where(p => p.GetCustomAttribute<RequiredAttribute>() is not null))
            {
                var key = $"{section.GetRawConstantValue()}__{property.Name}";
                yield return property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType) ? key + "__0" : key;
            }
        }
    }

    private static IEnumerable<Assembly> HostAssemblies()
    {
        var seen = new Dictionary<string, Assembly>();
        var queue = new Queue<Assembly>([typeof(Program).Assembly]);
        while (queue.TryDequeue(out var assembly))
        {
            if (!seen.TryAdd(assembly.GetName().Name!, assembly)) continue;
            foreach (var reference in assembly.GetReferencedAssemblies().Where(r => r.Name!.StartsWith("PrimeTech.", StringComparison.Ordinal)))
                queue.Enqueue(Assembly.Load(reference));
        }
        return seen.Values;
    }

    /// <summary>
    /// docker-compose in the repository root, reading .env.example as its .env (not a developer's
    /// own .env), with values for the secrets the example leaves empty (the overload below can leave them out).
    /// </summary>
    private static Task<CommandResult> ComposeAsync(params string[] args) => ComposeAsync(withSecrets: true, args);

    private static Task<CommandResult> ComposeAsync(bool withSecrets, params string[] args)
    {
        var secrets = withSecrets
            ? new Dictionary<string, string>
            {
                ["SELLER_VAT_NUMBER"] = "GB999999973",
                ["STRIPE_SECRET_KEY"] = "sk_test_compose",
                ["STRIPE_WEBHOOK_SECRET"] = "whsec_compose",
                ["SEED_ADMIN_PASSWORD"] = "a-long-compose-password",
                ["LICENSING_SIGNING_KEY_ID"] = "compose-test",
                ["LICENSING_SIGNING_PRIVATE_KEY"] = "not-a-real-key",
            }
            : [];
        return RunAsync("docker-compose", null, ["--env-file", ".env.example", "-f", "compose.yaml", .. args], secrets);
    }

    private static async Task<CommandResult> RunAsync(string tool, string? input, string[] args, Dictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(tool)
        {
            WorkingDirectory = Deployment.RepoRoot,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args) start.ArgumentList.Add(arg);
        foreach (var (key, value) in env ?? []) start.Environment[key] = value;
        using var process = Process.Start(start)!;
        await process.StandardInput.WriteAsync(input ?? "");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return new CommandResult(process.ExitCode, await output, await error);
    }

    private static Task<CommandResult> RunAsync(string tool, string input, params string[] args) => RunAsync(tool, input, args, null);
}
