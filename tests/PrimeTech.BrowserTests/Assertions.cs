using Deque.AxeCore.Commons;

namespace PrimeTech.BrowserTests;

public static class Accessibility
{
    public static void AssertNone(IReadOnlyList<AxeResultItem> violations) =>
        Assert.True(violations.Count == 0,
            "Serious or critical accessibility violations: " +
            string.Join("; ", violations.Select(v => $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
}
