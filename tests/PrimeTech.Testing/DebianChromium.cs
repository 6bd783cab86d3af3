using Microsoft.Playwright;

namespace PrimeTech.Testing;

/// <summary>
/// Debian's Chromium (<c>build/services/browser.sh</c> installs it) driven by Playwright, whose own
/// browser download cannot work here; the flags keep it off the network and out of the sandbox
/// that a root container cannot give it.
/// </summary>
public static class DebianChromium
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) =>
        playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
            ],
        });
}
