using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace PrimeTech.Testing;

/// <summary>
/// Waits for a page to reach, or leave, an address. Playwright's <c>WaitForURLAsync</c> checks the frame's
/// load states and only then subscribes to their event, while another thread delivers them: a "load" that
/// lands in between is lost and the wait runs out (microsoft/playwright-dotnet#3364; it failed a CI run here).
/// The URL assertion is evaluated in Playwright's driver, so nothing can slip between a check and a
/// subscription. What comes next waits for its own element, as every locator does.
/// </summary>
public static class PageArrival
{
    static readonly PageAssertionsToHaveURLOptions Patience = new() { Timeout = 60_000 };

    /// <summary>The exact address, resolved against the context's base URL.</summary>
    public static Task ArrivesAtAsync(this IPage page, string url) => Assertions.Expect(page).ToHaveURLAsync(url, Patience);

    /// <summary>An address the pattern finds a match in.</summary>
    public static Task ArrivesAtAsync(this IPage page, Regex url) => Assertions.Expect(page).ToHaveURLAsync(url, Patience);

    /// <summary>Any address that does not contain <paramref name="fragment"/>.</summary>
    public static Task LeavesAsync(this IPage page, string fragment) =>
        Assertions.Expect(page).Not.ToHaveURLAsync(new Regex(Regex.Escape(fragment)), Patience);
}
