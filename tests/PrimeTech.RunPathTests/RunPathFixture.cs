using System.Diagnostics;
using Microsoft.Playwright;
using PrimeTech.Testing;
using Xunit;

namespace PrimeTech.RunPathTests;

[CollectionDefinition(Name)]
public sealed class RunPathCollection : ICollectionFixture<RunPathFixture>
{
    public const string Name = "run path";
}

/// <summary>
/// The README's first command, run as a newcomer runs it: <c>dotnet tool restore &amp;&amp; dotnet cake --target=Run</c>
/// in the repository root, in its own process group, its output in <c>.dev/runpath/run.log</c>. Once
/// <c>/health/ready</c> answers, Chromium signs in the seeded admin (who then enrols in two-factor
/// sign-in on the enrolment page, as a newcomer does: the README's <c>two-factor reset</c> first
/// clears an enrolment left by an earlier run, whose secret this run cannot know) and a customer
/// registered and verified through the site and maildev, and the customer buys (one paid order, one declined)
/// and books, so every page has real data. Afterwards it stops what it started: the site (the
/// process group) and the services that were not running before (all of them: <c>dotnet cake
/// --target=Stop</c>; some: <c>services.sh stop</c> for those).
/// </summary>
public sealed partial class RunPathFixture : IAsyncLifetime
{
    public const string ReadmeCommand = "dotnet tool restore && dotnet cake --target=Run";
    public const string SiteUrl = "http://127.0.0.1:5080";
    public const string AdminEmail = "admin@primetech.local";
    public const string AdminPassword = "Prime-Tech-Admin-2026!";
    private const string CustomerPassword = "Run-path-customer-2026";
    private static readonly string[] Services = ["postgres", "s3", "smtp", "stripe"];
    // The command builds the solution first (all of it on a fresh clone; a busy two-core machine took 5 minutes): be patient.
    private static readonly TimeSpan ReadyDeadline = TimeSpan.FromMinutes(10);
    // Environment a test run adds that a newcomer's shell does not have (MSBuild's own variables would steer the nested build).
    private static readonly string[] TestRunVariables = ["ASPNETCORE_", "DOTNET_ENVIRONMENT", "PRIMETECH_SITE_URL", "MSBUILD", "VSTEST", "TESTINGPLATFORM"];

    private readonly string _root = SpecCatalogue.RepoRoot;
    private readonly string _logDir = Path.Combine(SpecCatalogue.RepoRoot, ".dev", "runpath");
    private readonly Dictionary<string, string> _data = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IBrowserContext> _contexts = new(StringComparer.Ordinal);
    private string[] _servicesStartedHere = [];
    private Process? _run;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public string RunLog => Path.Combine(_logDir, "run.log");
    public IReadOnlyDictionary<string, string> Data => _data;
    public IBrowserContext ContextFor(string role) => _contexts[role];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_logDir);
        if (await AnswersAsync(SiteUrl + "/health/live"))
            throw new InvalidOperationException($"Something already serves {SiteUrl}: the run path must start the site itself. Stop it first.");
        var servicesUp = new List<string>();
        foreach (var service in Services)
            if (await BashAsync($"build/services/services.sh status {service}") == 0) servicesUp.Add(service);
        _servicesStartedHere = Services.Except(servicesUp).ToArray();

        var started = Stopwatch.StartNew();
        _run = StartReadmeCommand();
        await WaitUntilReadyAsync();
        await File.AppendAllTextAsync(Path.Combine(_logDir, "timings.txt"),
            $"{DateTime.UtcNow:O} ready after {started.Elapsed.TotalSeconds:F1} s (services already running: {string.Join(", ", servicesUp.DefaultIfEmpty("none"))})\n");

        _playwright = await Playwright.CreateAsync();
        _browser = await DebianChromium.LaunchAsync(_playwright);
        foreach (var role in Roles.All)
            _contexts[role] = await _browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = SiteUrl, Locale = "en-GB" });

        // The executable the run command built, run directly: a nested dotnet run would inherit this test run's MSBuild variables.
        if (await BashAsync($"cd Host/PrimeTech.Host/bin/Debug/net10.0 && ASPNETCORE_ENVIRONMENT=Development dotnet PrimeTech.Host.dll two-factor reset --email {AdminEmail}") != 0)
            throw new InvalidOperationException($"two-factor reset of {AdminEmail} failed: see {Path.Combine(_logDir, "commands.log")}.");
        await SignInAsync(_contexts[Roles.Admin], AdminEmail, AdminPassword);
        await EnrolAdminAsync();
        await RegisterAndVerifyCustomerAsync();
        await MakeDataAsync();
    }

    private Process StartReadmeCommand()
    {
        // setsid: its own session and process group (PID = group id), so the whole tree stops together.
        var start = new ProcessStartInfo("setsid") { WorkingDirectory = _root, UseShellExecute = false };
        foreach (var argument in (string[])["bash", "-c", $"exec >'{RunLog}' 2>&1 </dev/null; {ReadmeCommand}"])
            start.ArgumentList.Add(argument);
        foreach (var name in start.Environment.Keys.Where(k => TestRunVariables.Any(p => k.StartsWith(p, StringComparison.OrdinalIgnoreCase))).ToList())
            start.Environment.Remove(name);
        return Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
    }

    private async Task WaitUntilReadyAsync()
    {
        try
        {
            await Eventually.TrueAsync(async () =>
            {
                if (_run!.HasExited) throw new InvalidOperationException($"'{ReadmeCommand}' exited with code {_run.ExitCode} before the site was ready.");
                return await AnswersAsync(SiteUrl + "/health/ready");
            }, $"{SiteUrl}/health/ready", ReadyDeadline);
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException)
        {
            throw new InvalidOperationException($"{e.Message}\nLast lines of {RunLog}:\n{LogTail()}", e);
        }
    }

    public string LogTail(int lines = 60) =>
        File.Exists(RunLog) ? string.Join('\n', File.ReadAllLines(RunLog).TakeLast(lines)) : "(no log)";

    private static async Task<bool> AnswersAsync(string url)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        try
        {
            return (await http.GetAsync(url)).IsSuccessStatusCode;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    private static async Task SignInAsync(IBrowserContext context, string email, string password)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("/login");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.ArrivesAtAsync(SiteUrl + "/account");
        await page.CloseAsync();
    }

    /// <summary>
    /// The admin's enrolment as a newcomer makes it: an admin page sends them to the enrolment page,
    /// whose key an authenticator app would take (here Otp.NET computes the code from it).
    /// </summary>
    private async Task EnrolAdminAsync()
    {
        var page = await _contexts[Roles.Admin].NewPageAsync();
        await page.GotoAsync("/admin");
        await page.ArrivesAtAsync(SiteUrl + "/account/two-factor?returnUrl=%2Fadmin");
        var secret = (await page.Locator("#two-factor-secret").InnerTextAsync()).Replace(" ", "");
        await page.GetByLabel("Code").FillAsync(TwoFactorSteps.Code(secret, DateTimeOffset.UtcNow));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on two-factor sign-in" }).ClickAsync();
        await page.Locator("#recovery-codes").WaitForAsync();
        await page.CloseAsync();
    }

    private async Task RegisterAndVerifyCustomerAsync()
    {
        var email = Accounts.NewEmail("runpath");
        var page = await _contexts[Roles.Customer].NewPageAsync();
        await page.GotoAsync("/register");
        await page.GetByLabel("Name").FillAsync("Run Path Customer");
        await page.GetByLabel("Email address").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(CustomerPassword);
        await page.GetByLabel("Confirm password").FillAsync(CustomerPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await page.ArrivesAtAsync(SiteUrl + "/register/check-email");

        var verification = await MailSink.Create().WaitForAsync(email, m => (m.Text ?? "").Contains("/verify-email?token="), TimeSpan.FromSeconds(60));
        await page.GotoAsync("/verify-email?token=" + Accounts.TokenIn(verification, "/verify-email"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify email address" }).ClickAsync();
        await page.ArrivesAtAsync(SiteUrl + "/login");
        await page.CloseAsync();
        await SignInAsync(_contexts[Roles.Customer], email, CustomerPassword);
        _data["customerEmail"] = email;
    }

    /// <summary>
    /// Opens the first listed day, from the given one on, that still offers a slot. Starting a few weekdays
    /// ahead keeps the slots in the future whatever the time now; moving on past full days keeps a machine
    /// whose database has seen earlier runs the same day (the run path's dev database) from failing here.
    /// </summary>
    private static async Task OpenDayWithFreeSlotAsync(IPage page, string service, int fromDay)
    {
        await page.GotoAsync("/book?service=" + service);
        var dayLinks = await page.Locator(".day-list a").EvaluateAllAsync<string[]>("links => links.map(a => a.getAttribute('href'))");
        foreach (var dayLink in dayLinks.Skip(fromDay))
        {
            await page.GotoAsync(dayLink);
            if (await page.Locator("input[name=slot]").CountAsync() > 0) return;
        }
        throw new InvalidOperationException($"No listed day from the {fromDay + 1}th on offers a slot for {service}.");
    }

    /// <summary>Orders, a licence, a booking and a webhook event, made through the site as a customer would, and the ids of seeded data.</summary>
    private async Task MakeDataAsync()
    {
        var page = await _contexts[Roles.Customer].NewPageAsync();
        page.SetDefaultTimeout(60_000);

        _data["paidOrder"] = await CheckOutAsync(page, "backup-pro", "Pay ", "/checkout/success");
        // checkout-status.js reloads the success page once the webhook has marked the order paid.
        await page.GetByRole(AriaRole.Heading, new() { Name = "Payment received" }).WaitForAsync();
        _data["pendingOrder"] = await CheckOutAsync(page, "disk-inspector", "Decline", "/checkout/cancelled");
        _data["refundedOrder"] = await CheckOutAsync(page, "admin-scripts", "Pay ", "/checkout/success");
        await page.GetByRole(AriaRole.Heading, new() { Name = "Payment received" }).WaitForAsync();

        await OpenDayWithFreeSlotAsync(page, "remote-support", fromDay: 2);
        await page.Locator("input[name=slot]").First.CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Continue" }).ClickAsync();
        await page.GetByLabel("Phone number").FillAsync("01632 960 001");
        await page.GetByRole(AriaRole.Button, new() { Name = "Request booking" }).ClickAsync();
        _data["bookingReference"] = (await page.Locator(".reference").InnerTextAsync()).Trim();

        await OpenDayWithFreeSlotAsync(page, "consultation", fromDay: 3);
        _data["bookingDate"] = await page.Locator("form:has(input[name=slot]) input[name=date]").InputValueAsync();
        _data["bookingSlot"] = await page.Locator("input[name=slot]").First.GetAttributeAsync("value") ?? "";
        await page.CloseAsync();

        var admin = await _contexts[Roles.Admin].NewPageAsync();
        _data["productId"] = await FirstMatchAsync(admin, "/admin/products", ProductLink());
        _data["serviceId"] = await FirstMatchAsync(admin, "/admin/services", ServiceLink());
        _data["customerId"] = await FirstMatchAsync(admin, "/admin/users?q=" + Uri.EscapeDataString(_data["customerEmail"]), UserLink());
        _data["licenceKey"] = await FirstMatchAsync(admin, "/admin/licences?q=" + _data["paidOrder"], LicenceLink());
        _data["webhookEventId"] = await FirstMatchAsync(admin, "/admin/orders/" + _data["paidOrder"], WebhookLink());

        // A partial refund, by amount on the admin order page, for a credit note to open.
        await admin.GotoAsync("/admin/orders/" + _data["refundedOrder"]);
        await admin.GetByLabel("Or an amount in pounds (VAT included)").FillAsync("1.00");
        await admin.GetByLabel("I understand this refunds", new() { Exact = false }).CheckAsync();
        await admin.GetByRole(AriaRole.Button, new() { Name = "Refund order" }).ClickAsync();
        _data["creditNote"] = await FirstMatchAsync(admin, "/admin/orders/" + _data["refundedOrder"], CreditNoteLink());
        await admin.CloseAsync();
    }

    /// <summary>Adds one of the product to the cart, checks out and presses <paramref name="button"/> on the hosted payment page; returns the order number.</summary>
    private static async Task<string> CheckOutAsync(IPage page, string slug, string button, string backTo)
    {
        await page.GotoAsync("/products/" + slug);
        await page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" }).ClickAsync();
        await page.ArrivesAtAsync(SiteUrl + "/cart");
        await TestBillingDetails.FillAsync(page);
        await page.GetByRole(AriaRole.Button, new() { Name = "Check out" }).ClickAsync();
        await page.ArrivesAtAsync(new Regex($"^http://127\\.0\\.0\\.1:{TestServices.StripePort}/pay/cs_"));
        await page.GetByRole(AriaRole.Button, new() { Name = button }).ClickAsync();
        await page.ArrivesAtAsync(new Regex("^" + Regex.Escape(SiteUrl + backTo) + @"\?order=ORD-"));
        return new Uri(page.Url).Query.Split('=')[1];
    }

    /// <summary>The first match of <paramref name="link"/> on the page, polled (webhooks and licences arrive asynchronously).</summary>
    private static async Task<string> FirstMatchAsync(IPage page, string url, Regex link) =>
        await Eventually.GetAsync(async () =>
        {
            await page.GotoAsync(url);
            var found = link.Match(await page.ContentAsync());
            return found.Success ? found.Groups[1].Value : null;
        }, $"a link like {link} on {url}", TimeSpan.FromSeconds(60));

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        if (_run is not null)
        {
            await StopProcessGroupAsync(_run);
            // Only what this run started: the lead's (or the Test target's) services stay as they were.
            if (_servicesStartedHere.Length == Services.Length) await BashAsync("dotnet cake --target=Stop");
            else if (_servicesStartedHere.Length > 0) await BashAsync("build/services/services.sh stop " + string.Join(' ', _servicesStartedHere));
        }
    }

    private async Task StopProcessGroupAsync(Process run)
    {
        await BashAsync($"kill -TERM -- -{run.Id}");
        using var graceful = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await run.WaitForExitAsync(graceful.Token);
        }
        catch (OperationCanceledException)
        {
            await File.AppendAllTextAsync(Path.Combine(_logDir, "commands.log"), "the run did not stop on SIGTERM within 30 s: killed\n");
        }
        // The group outlives bash when a child is still shutting down: make sure nothing of it is left.
        await BashAsync($"kill -KILL -- -{run.Id} 2>/dev/null || true");
    }

    /// <summary>Runs a bash command in the repository root, its output appended to <c>.dev/runpath/commands.log</c>; returns the exit code.</summary>
    private async Task<int> BashAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { WorkingDirectory = _root, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add($"{{ {command}; }} >>'{Path.Combine(_logDir, "commands.log")}' 2>&1");
        using var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start bash.");
        await process.WaitForExitAsync();
        return process.ExitCode;
    }

    [GeneratedRegex(@"href=""/admin/products/([0-9a-f-]{36})""")]
    private static partial Regex ProductLink();

    [GeneratedRegex(@"href=""/admin/services/([0-9a-f-]{36})""")]
    private static partial Regex ServiceLink();

    [GeneratedRegex(@"href=""/admin/users/([0-9a-f-]{36})""")]
    private static partial Regex UserLink();

    [GeneratedRegex(@"href=""/admin/orders/ORD-[A-Z0-9-]+/credit-notes/(CRN-\d{4}-\d{6})""")]
    private static partial Regex CreditNoteLink();

    [GeneratedRegex(@"href=""/admin/licences/([A-Z0-9-]+)""")]
    private static partial Regex LicenceLink();

    [GeneratedRegex(@"href=""/admin/webhooks/([A-Za-z0-9_]+)""")]
    private static partial Regex WebhookLink();
}
