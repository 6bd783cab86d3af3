// The project's build script: `dotnet tool restore && dotnet cake --target=<Target>`.
//   Services  start PostgreSQL, S3 (Swift + s3api), the SMTP sink and the Stripe stand-in on 127.0.0.1
//   Build     compile the solution
//   Test      Services + the Host's build, codegen write, the solution built with that code, every test project, the README run path (RunPathTests), the deployment; prints "N passed, N failed"
//   Run       Services + the Host's build, migrate, seed, then serve the site in the foreground
//   Bench     Codegen, the Release publish (ReadyToRun) to .dev/bench/app, then the benchmark suite against it (results in .dev/bench/)
//   Production  Codegen, publish, then the production-like deployment: Caddy at https://127.0.0.1:8443
//             over two Release instances (build/production/production.sh; runs in the background)
//   Codegen   Release build of the Host with Wolverine's handler code pre-generated (`codegen write`)
//   Stop      stop the deployment and the local services
using System.Xml.Linq;

var target = Argument("target", "Run");
var configuration = Argument("configuration", "Debug");
var siteUrl = EnvironmentVariable("PRIMETECH_SITE_URL") ?? "http://127.0.0.1:5080";
System.Environment.SetEnvironmentVariable("PRIMETECH_CONFIGURATION", configuration);
var root = MakeAbsolute(Directory("."));
var resultsDir = root.Combine(".dev/test-results");

void Run(string tool, string arguments, IDictionary<string, string> env = null)
{
    var settings = new ProcessSettings { Arguments = arguments, WorkingDirectory = root };
    if (env != null) settings.EnvironmentVariables = env;
    var exit = StartProcess(tool, settings);
    if (exit != 0) throw new Exception($"'{tool} {arguments}' failed with exit code {exit}.");
}

Task("Services")
    .Does(() => Run("bash", "build/services/services.sh start"));

// The tests start their own Stripe stand-in in-process, next to the app they test.
Task("TestServices")
    .Does(() => Run("bash", "build/services/services.sh start postgres s3 smtp"));

Task("Stop")
    .Does(() =>
{
    Run("bash", "build/production/production.sh stop");
    Run("bash", "build/services/services.sh stop");
});

var hostDir = root.Combine("Host/PrimeTech.Host");
var generatedHandlerCode = hostDir.Combine("Internal/Generated");

// The code is compiled only by the build right after `codegen write` (Release, and the Test target's
// main stage), and the old code goes before either: a handler changed since would not compile against it.
void DeleteHandlerCode()
{
    if (DirectoryExists(generatedHandlerCode)) DeleteDirectory(generatedHandlerCode, new DeleteDirectorySettings { Recursive = true });
}

// `codegen write` of the Host as built in this configuration, into Host/PrimeTech.Host/Internal/Generated.
void WriteHandlerCode(string hostConfiguration)
{
    var exit = StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"bin/{hostConfiguration}/net10.0/PrimeTech.Host.dll codegen write",
        WorkingDirectory = hostDir,
        // Generating code reads no configuration but the connection string's presence.
        EnvironmentVariables = new Dictionary<string, string> { ["ConnectionStrings__Postgres"] = "Host=unused", ["ASPNETCORE_ENVIRONMENT"] = "Production" },
        RedirectStandardOutput = true,
    });
    if (exit != 0) throw new Exception($"codegen write failed with exit code {exit}.");
}

// Release compiles the code `codegen write` puts in Host/PrimeTech.Host/Internal/Generated.
Task("Codegen")
    .Does(() =>
{
    DeleteHandlerCode();
    Run("dotnet", "build Host/PrimeTech.Host -c Release -nologo -clp:ErrorsOnly");
    WriteHandlerCode("Release");
    Run("dotnet", "build Host/PrimeTech.Host -c Release -nologo -clp:ErrorsOnly");
});

Task("Production")
    .IsDependentOn("Codegen")
    .IsDependentOn("TestServices")
    .Does(() =>
{
    var watch = System.Diagnostics.Stopwatch.StartNew();
    Run("dotnet", "publish Host/PrimeTech.Host -c Release --no-build -nologo -o .dev/production/app");
    Run("dotnet", "build tests/PrimeTech.StripeStandIn -c Release -nologo -clp:ErrorsOnly");
    Run("bash", "build/production/production.sh start");
    Information($"Production target done in {watch.Elapsed.TotalSeconds:F1} s (build, publish and start; the start alone is timed above).");
});

Task("Build")
    .Does(() => Run("dotnet", $"build PrimeTech.sln -c {configuration} -nologo -clp:ErrorsOnly"));

// What the site needs and nothing else: the Host and the projects it references.
Task("BuildHost")
    .Does(() => Run("dotnet", $"build Host/PrimeTech.Host -c {configuration} -nologo -clp:ErrorsOnly"));

Task("BrowserPrerequisites")
    .Description("Debian's Chromium for Playwright; Playwright's own browser download cannot work here.")
    .Does(() => Run("bash", "build/services/browser.sh"));

Task("Test")
    .IsDependentOn("TestServices")
    .IsDependentOn("BrowserPrerequisites")
    .IsDependentOn("BuildHost")
    .Does(() =>
{
    // The solution is built with the handler code the Host has just generated compiled in, so test
    // hosts do not compile handlers at run time (DECISIONS D-137).
    DeleteHandlerCode();
    WriteHandlerCode(configuration);
    Run("dotnet", $"build PrimeTech.sln -c {configuration} -p:GeneratedHandlersInDebug=true -nologo -clp:ErrorsOnly");
    CleanDirectory(resultsDir);
    // Stages run one after the other; each writes its TRX files to resultsDir, and the summary counts them all.
    int TestStage(string what, string filter) => StartProcess("dotnet", new ProcessSettings
    {
        Arguments = $"test {what} -c {configuration} --no-build --filter \"{filter}\" --logger trx --results-directory \"{resultsDir}\"",
        WorkingDirectory = root,
    });
    var exit = TestStage("PrimeTech.sln", "Category!=RunPath&Category!=Deployment");

    // Stage: the README's run command on this checkout, every page walked in Chromium, then stopped (DECISIONS D-037).
    // That command builds the Host alone, without the generated code, and leaves the tests' builds alone.
    exit |= TestStage("tests/PrimeTech.RunPathTests", "Category=RunPath");

    // Stage: the production-like deployment, started by the tests with the Production target and stopped after them (DECISIONS D-046).
    exit |= TestStage("tests/PrimeTech.DeploymentTests", "Category=Deployment");

    int passed = 0, failed = 0, skipped = 0;
    foreach (var trx in GetFiles(resultsDir.FullPath + "/*.trx"))
    {
        var counters = XDocument.Load(trx.FullPath).Descendants().First(e => e.Name.LocalName == "Counters");
        passed += (int)counters.Attribute("passed");
        failed += (int)counters.Attribute("failed") + (int)counters.Attribute("error") + (int)counters.Attribute("timeout");
        skipped += (int)counters.Attribute("notExecuted");
    }
    if (exit != 0 && failed == 0) failed = 1; // the run itself broke (a crashed test host counts as a failure)
    var summary = $"{passed} passed, {failed} failed" + (skipped > 0 ? $", {skipped} skipped" : "");
    System.IO.File.WriteAllText(resultsDir.CombineWithFilePath("summary.txt").FullPath, summary + "\n");
    Information(summary);
    if (exit != 0 || failed > 0) throw new Exception("Tests failed.");
});

// The Release build with pre-generated handler code, as a process of its own in Production, on a
// throwaway PostgreSQL with fsync on; results in .dev/bench/ (results.json, results.md, results.svg).
// --scenarios=checkout,webhook-payments runs only those; --duration=5 shortens each wrk run.
Task("Bench")
    .IsDependentOn("TestServices")
    .IsDependentOn("Codegen")
    .Does(() =>
{
    Run("bash", "build/bench/wrk.sh");
    // What is measured is what is deployed: the publish (ReadyToRun, D-146), not the build output.
    Run("dotnet", "publish Host/PrimeTech.Host -c Release --no-build -nologo -clp:ErrorsOnly -o .dev/bench/app");
    Run("dotnet", "build tests/PrimeTech.Benchmarks -c Release -nologo -clp:ErrorsOnly");
    var scenarios = Argument("scenarios", "").Replace(',', ' ');
    Run("dotnet", $"run --project tests/PrimeTech.Benchmarks -c Release --no-build -- {scenarios} --duration={Argument("duration", "10")}");
});

Task("Run")
    .IsDependentOn("BuildHost")
    .IsDependentOn("Services")
    .Does(() =>
{
    var env = new Dictionary<string, string> { ["ASPNETCORE_ENVIRONMENT"] = "Development", ["ASPNETCORE_URLS"] = siteUrl };
    var host = $"run --project Host/PrimeTech.Host -c {configuration} --no-build --no-launch-profile --";
    Run("dotnet", host + " migrate", env);
    Run("dotnet", host + " seed", env);
    Information("");
    Information($"Prime Tech Services: {siteUrl}");
    Information("Admin sign-in:       admin@primetech.local / Prime-Tech-Admin-2026!");
    Information("Email inbox:         http://127.0.0.1:51080");
    Information("Stop with Ctrl+C; stop the services with: dotnet cake --target=Stop");
    Information("");
    Run("dotnet", host, env);
});

RunTarget(target);
