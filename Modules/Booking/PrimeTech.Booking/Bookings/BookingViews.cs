using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Booking.Bookings;

/// <summary>
/// What a customer may see of a booking (API, pages). Built field by field from the document so
/// that staff-only data — internal notes, who on the staff acted — cannot slip in.
/// </summary>
public sealed record CustomerBookingView(
    string Reference,
    string Status,
    string StatusText,
    string Service,
    DateTimeOffset SlotStart,
    DateTimeOffset SlotEnd,
    string SlotStartLocal,
    string SlotEndLocal,
    string Name,
    string Email,
    string? Phone,
    string? Notes,
    bool CanCancel,
    IReadOnlyList<CustomerHistoryEntry> History)
{
    public static CustomerBookingView From(ServiceBooking b) => new(
        b.Reference,
        b.Status.ToString(),
        b.Status.Display(),
        b.ServiceName,
        b.SlotStartUtc,
        b.SlotEndUtc,
        LocalIso(b.SlotStartUtc),
        LocalIso(b.SlotEndUtc),
        b.CustomerName,
        b.Email,
        b.Phone,
        b.CustomerNotes,
        b.CustomerCanCancel,
        b.History.Select(h => new CustomerHistoryEntry(
            h.At,
            h.From?.ToString(),
            h.To.ToString(),
            h.To.Display(),
            h.ActorKind == ActorKind.Staff ? "Prime Tech Services" : "You",
            h.CustomerNote)).ToList());

    internal static string LocalIso(DateTimeOffset utc) => London.ToLocal(utc).ToString("yyyy-MM-dd'T'HH:mm");
}

public sealed record CustomerHistoryEntry(DateTimeOffset At, string? From, string To, string ToText, string By, string? Note);

/// <summary>Everything about a booking, for staff.</summary>
public sealed record AdminBookingView(
    Guid Id,
    string Reference,
    string Status,
    string StatusText,
    Guid ServiceId,
    string Service,
    DateTimeOffset SlotStart,
    DateTimeOffset SlotEnd,
    string SlotStartLocal,
    string SlotEndLocal,
    string Name,
    string Email,
    string? Phone,
    string? Notes,
    Guid? UserId,
    DateTimeOffset CreatedAt,
    IReadOnlyList<string> NextStatuses,
    IReadOnlyList<AdminHistoryEntry> History)
{
    public static AdminBookingView From(ServiceBooking b) => new(
        b.Id, b.Reference, b.Status.ToString(), b.Status.Display(), b.ServiceId, b.ServiceName,
        b.SlotStartUtc, b.SlotEndUtc,
        CustomerBookingView.LocalIso(b.SlotStartUtc), CustomerBookingView.LocalIso(b.SlotEndUtc),
        b.CustomerName, b.Email, b.Phone, b.CustomerNotes, b.UserId, b.CreatedAt,
        BookingTransitions.NextOf(b.Status).Select(s => s.ToString()).ToList(),
        b.History.Select(h => new AdminHistoryEntry(
            h.At, h.ActorKind.ToString(), h.By, h.ByUserId, h.From?.ToString(), h.To.ToString(), h.To.Display(),
            h.CustomerNote, h.InternalNote)).ToList());
}

public sealed record AdminHistoryEntry(
    DateTimeOffset At, string ActorKind, string By, Guid? ByUserId, string? From, string To, string ToText,
    string? CustomerNote, string? InternalNote);
