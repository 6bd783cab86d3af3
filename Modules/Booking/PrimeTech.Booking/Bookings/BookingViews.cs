namespace PrimeTech.Booking.Bookings;

/// <summary>A history entry as a customer sees it: <c>note</c> is the note for the customer; nothing else.</summary>
public sealed record HistoryEntryView(DateTimeOffset At, string? FromStatus, string ToStatus, string? Note);

/// <summary>
/// The booking for its owner (API and pages). Built field by field from the document so that
/// staff-only data (internal notes, who on the staff acted) cannot slip in.
/// </summary>
public sealed record BookingView(
    string Reference, string Status, string ServiceSlug, string ServiceName, int DurationMinutes,
    DateTimeOffset Start, DateTimeOffset End, string ContactName, string ContactEmail, string ContactPhone,
    string? Notes, DateTimeOffset CreatedAt, IReadOnlyList<HistoryEntryView> History, bool CanCancel)
{
    public static BookingView From(ServiceBooking b) => new(
        b.Reference, b.Status.ToString(), b.ServiceSlug, b.ServiceName, b.DurationMinutes, b.StartUtc, b.EndUtc,
        b.ContactName, b.ContactEmail, b.ContactPhone, b.CustomerNotes, b.CreatedAt, CustomerHistory(b), b.CanCancel);

    internal static IReadOnlyList<HistoryEntryView> CustomerHistory(ServiceBooking b) =>
        b.History.Select(h => new HistoryEntryView(h.At, h.From?.ToString(), h.To.ToString(), h.CustomerNote)).ToList();
}

/// <summary>What anyone with the reference and email sees: no contact details.</summary>
public sealed record TrackedBooking(
    string Reference, string Status, string ServiceName, int DurationMinutes, DateTimeOffset Start, DateTimeOffset End,
    IReadOnlyList<HistoryEntryView> History, bool CanCancel)
{
    public static TrackedBooking From(ServiceBooking b) => new(
        b.Reference, b.Status.ToString(), b.ServiceName, b.DurationMinutes, b.StartUtc, b.EndUtc,
        BookingView.CustomerHistory(b), b.CanCancel);

    public static TrackedBooking FromView(BookingView v) =>
        new(v.Reference, v.Status, v.ServiceName, v.DurationMinutes, v.Start, v.End, v.History, v.CanCancel);
}

public sealed record ChangedByView(string Kind, Guid? UserId, string Name);

public sealed record AdminHistoryEntryView(
    DateTimeOffset At, string? FromStatus, string ToStatus, string? Note, string? InternalNote, ChangedByView ChangedBy);

/// <summary>Everything about a booking, for staff. Lists omit the history (null).</summary>
public sealed record AdminBookingView(
    string Reference, string Status, string ServiceSlug, string ServiceName, int DurationMinutes,
    DateTimeOffset Start, DateTimeOffset End, string ContactName, string ContactEmail, string ContactPhone,
    string? Notes, DateTimeOffset CreatedAt, IReadOnlyList<AdminHistoryEntryView>? History, bool CanCancel,
    Guid? UserId, IReadOnlyList<string> AllowedNextStatuses)
{
    public static AdminBookingView From(ServiceBooking b, bool withHistory = true) => new(
        b.Reference, b.Status.ToString(), b.ServiceSlug, b.ServiceName, b.DurationMinutes, b.StartUtc, b.EndUtc,
        b.ContactName, b.ContactEmail, b.ContactPhone, b.CustomerNotes, b.CreatedAt,
        withHistory
            ? b.History.Select(h => new AdminHistoryEntryView(h.At, h.From?.ToString(), h.To.ToString(), h.CustomerNote,
                h.InternalNote, new ChangedByView(h.ChangedBy.Kind.ToString(), h.ChangedBy.UserId, h.ChangedBy.Name))).ToList()
            : null,
        b.CanCancel, b.UserId, BookingTransitions.NextOf(b.Status).Select(s => s.ToString()).ToList());
}

