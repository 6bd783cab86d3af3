namespace PrimeTech.BuildingBlocks.Timeline;

/// <summary>
/// One module's answer to its <c>GetCustomerTimeline</c> contracts query: the customer's newest
/// entries in that module, newest first, at most the limit asked for; <see cref="More"/> says
/// older ones were left out. The admin user page merges the modules' answers (no module reads
/// another's documents). Contracts records stay dependency-free, so this shared shape lives here.
/// </summary>
public sealed record CustomerTimeline(IReadOnlyList<TimelineEntry> Entries, bool More)
{
    /// <summary>The newest <paramref name="limit"/> of <paramref name="entries"/> (which may hold one more, to tell if there are more).</summary>
    public static CustomerTimeline Newest(IEnumerable<TimelineEntry> entries, int limit)
    {
        var newest = entries.OrderByDescending(e => e.At).ThenBy(e => e.Kind, StringComparer.Ordinal).ToList();
        return new CustomerTimeline(newest.Take(limit).ToList(), newest.Count > limit);
    }
}

/// <summary>
/// Something that happened to or was done by a customer: when, what kind (<see cref="TimelineKinds"/>),
/// a short title (<c>Order ORD-20260203-AB12 placed</c>), an optional detail (amount, status, machine),
/// the identifier it is about (<c>ORD-…</c>, <c>INV-…</c>, <c>LIC-…</c>), and the admin page that shows
/// it. A module that knows the identifier but not its page (Storage, for a downloaded invoice) leaves
/// <see cref="Href"/> null; the page then links the entry where the identifier's own entry links.
/// </summary>
public sealed record TimelineEntry(DateTimeOffset At, string Kind, string Title, string? Detail, string? Reference, string? Href);

/// <summary>The kinds of timeline entries, one per module fact the admin user page shows.</summary>
public static class TimelineKinds
{
    public const string Order = "Order";
    public const string Invoice = "Invoice";
    public const string Receipt = "Receipt";
    public const string CreditNote = "CreditNote";
    public const string Licence = "Licence";
    public const string Activation = "Activation";
    public const string Download = "Download";
    public const string Booking = "Booking";
    public const string SignIn = "SignIn";
    public const string Security = "Security";

    /// <summary>The page's label for a kind.</summary>
    public static string Label(string kind) => kind switch
    {
        CreditNote => "Credit note",
        SignIn => "Sign-in",
        Security => "Account security",
        _ => kind,
    };
}
