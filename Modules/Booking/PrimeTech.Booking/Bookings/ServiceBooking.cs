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
    Guest,
    Customer,
    Staff,
}

/// <summary>A booking of an engineer for one slot of one service (the document; named so it does not clash with the module namespace).</summary>
public sealed class ServiceBooking
{
    public const string ReferencePrefix = "BKG";

    public Guid Id { get; set; }

    /// <summary><c>BKG-YYYYMMDD-XXXX</c>, unique (index).</summary>
    public string Reference { get; set; } = "";
    public Guid ServiceId { get; set; }

    /// <summary>The service's name when booked, so renaming a service does not rewrite history.</summary>
    public string ServiceName { get; set; } = "";
    public DateTimeOffset SlotStartUtc { get; set; }
    public DateTimeOffset SlotEndUtc { get; set; }
    public string CustomerName { get; set; } = "";

    /// <summary>Trimmed and lower-cased (index): tracking compares it exactly.</summary>
    public string Email { get; set; } = "";
    public string? Phone { get; set; }
    public string? CustomerNotes { get; set; }

    /// <summary>The account the booking belongs to, when made signed in (index).</summary>
    public Guid? UserId { get; set; }
    public BookingStatus Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public List<StatusChange> History { get; set; } = [];

    /// <summary>The calendar SEQUENCE of the last .ics sent; every change sends a higher one.</summary>
    public int IcsSequence { get; set; }

    /// <summary>The stable calendar UID of this booking across every .ics sent for it.</summary>
    public string CalendarUid => $"{Reference}@primetech.services";

    public bool HoldsSlot => Status is not (BookingStatus.Cancelled or BookingStatus.Declined);

    public bool CustomerCanCancel => BookingTransitions.IsAllowed(Status, BookingStatus.Cancelled);
}

/// <summary>
/// One entry of the status history. <see cref="InternalNote"/> is for staff only and must never
/// reach a customer-facing page, API response or email.
/// </summary>
public sealed record StatusChange(
    DateTimeOffset At,
    ActorKind ActorKind,
    string By,
    Guid? ByUserId,
    BookingStatus? From,
    BookingStatus To,
    string? CustomerNote,
    string? InternalNote);

/// <summary>The status workflow (PRODUCT §4.7). Anything not listed is refused.</summary>
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
    /// <summary>How a status reads on pages and in emails.</summary>
    public static string Display(this BookingStatus status) => status switch
    {
        BookingStatus.Requested => "Requested",
        BookingStatus.Confirmed => "Confirmed",
        BookingStatus.Declined => "Declined",
        BookingStatus.InProgress => "In progress",
        BookingStatus.Completed => "Completed",
        BookingStatus.Cancelled => "Cancelled",
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
        Enum.TryParse(value?.Replace(" ", ""), ignoreCase: true, out status) && Enum.IsDefined(status);
}
