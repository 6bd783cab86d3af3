namespace PrimeTech.Booking.Bookings;

public enum BookingStatus
{
    Requested,
    Confirmed,
    Declined,
    InProgress,
    Completed,
    Cancelled,
}

/// <summary>Who made a change, as the history records it.</summary>
public enum ActorKind
{
    Customer,
    Guest,
    Admin,
    System,
}

/// <summary>
/// A booking of an engineer for one slot of one service (the document; named so it does not
/// clash with the module's namespace). Service name, slug and duration are snapshots.
/// </summary>
public sealed class ServiceBooking
{
    public const string ReferencePrefix = "BKG";

    /// <summary>Open (requested or confirmed) bookings in the future one contact email may hold.</summary>
    public const int MaxOpenPerEmail = 3;

    public Guid Id { get; set; }

    /// <summary><c>BKG-YYYYMMDD-XXXX</c>, unique (index).</summary>
    public string Reference { get; set; } = "";
    public Guid ServiceId { get; set; }
    public string ServiceSlug { get; set; } = "";
    public string ServiceName { get; set; } = "";
    public int DurationMinutes { get; set; }
    public DateTimeOffset StartUtc { get; set; }
    public DateTimeOffset EndUtc { get; set; }
    public BookingStatus Status { get; set; }

    /// <summary>The account the booking belongs to; null for guests (index).</summary>
    public Guid? UserId { get; set; }
    public string ContactName { get; set; } = "";

    /// <summary>As entered; the account email when signed in.</summary>
    public string ContactEmail { get; set; } = "";

    /// <summary>Trimmed and lower-cased (index): tracking compares it exactly.</summary>
    public string NormalizedContactEmail { get; set; } = "";
    public string ContactPhone { get; set; } = "";
    public string? CustomerNotes { get; set; }
    public List<StatusChange> History { get; set; } = [];

    /// <summary>The calendar SEQUENCE of the last .ics sent: 0 at request, +1 per status change.</summary>
    public int IcsSequence { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Cancelled and declined bookings give their slot back.</summary>
    public bool HoldsSlot => Status is not (BookingStatus.Cancelled or BookingStatus.Declined);

    public bool CanCancel => BookingTransitions.IsAllowed(Status, BookingStatus.Cancelled);
}

public sealed record ChangedBy(ActorKind Kind, Guid? UserId, string Name);

/// <summary>
/// One entry of the status history. <see cref="InternalNote"/> is for staff only and must never
/// reach a customer-facing page, API response or email.
/// </summary>
public sealed record StatusChange(
    DateTimeOffset At,
    BookingStatus? From,
    BookingStatus To,
    ChangedBy ChangedBy,
    string? CustomerNote,
    string? InternalNote);

/// <summary>The status workflow (PRODUCT §4.7). Anything not listed, the same status included, is refused.</summary>
public static class BookingTransitions
{
    private static readonly Dictionary<BookingStatus, BookingStatus[]> Allowed = new()
    {
        [BookingStatus.Requested] = [BookingStatus.Confirmed, BookingStatus.Declined, BookingStatus.Cancelled],
        [BookingStatus.Confirmed] = [BookingStatus.InProgress, BookingStatus.Cancelled],
        [BookingStatus.InProgress] = [BookingStatus.Completed],
        [BookingStatus.Declined] = [],
        [BookingStatus.Completed] = [],
        [BookingStatus.Cancelled] = [],
    };

    public static bool IsAllowed(BookingStatus from, BookingStatus to) => Allowed[from].Contains(to);

    public static IReadOnlyList<BookingStatus> NextOf(BookingStatus from) => Allowed[from];
}

public static class BookingStatusText
{
    /// <summary>The status in words, as emails and messages use it ("in progress").</summary>
    public static string Words(this BookingStatus status) => status switch
    {
        BookingStatus.InProgress => "in progress",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>How a status reads as a label ("In progress").</summary>
    public static string Display(this BookingStatus status) => status switch
    {
        BookingStatus.InProgress => "In progress",
        _ => status.ToString(),
    };

    /// <summary>The badge class of a status (site.css).</summary>
    public static string Badge(this BookingStatus status) => status switch
    {
        BookingStatus.Confirmed or BookingStatus.InProgress or BookingStatus.Completed => "badge badge-ok",
        BookingStatus.Requested => "badge badge-warn",
        _ => "badge badge-error",
    };

    public static bool TryParse(string? value, out BookingStatus status) =>
        Enum.TryParse(value?.Replace(" ", ""), ignoreCase: true, out status) && Enum.IsDefined(status)
        && !int.TryParse(value, out _);

    /// <summary>A status already validated (or written by this module); anything else is a bug.</summary>
    public static BookingStatus Parse(string? value) =>
        TryParse(value, out var status) ? status : throw new FormatException($"'{value}' is not a booking status.");
}
