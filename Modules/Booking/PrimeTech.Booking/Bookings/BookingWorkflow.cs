using PrimeTech.Booking.Availability;
using PrimeTech.BuildingBlocks.Identifiers;
using Wolverine.Marten;

namespace PrimeTech.Booking.Bookings;

/// <summary>Who is changing a booking, as recorded in its history.</summary>
public static class BookingActor
{
    public static ChangedBy Guest { get; } = new(ActorKind.Guest, null, "Guest");
    public static ChangedBy Customer(Guid userId, string name) => new(ActorKind.Customer, userId, name);
    public static ChangedBy Admin(Guid? userId, string name) => new(ActorKind.Admin, userId, name);
}

/// <summary>
/// A status change as decided: the history entry, and the writes that make it so (the booking
/// updated, and its slot freed when it no longer holds it), for the handler to return to Wolverine.
/// </summary>
public sealed record StatusChangeDecision(StatusChange Change, IReadOnlyList<IMartenOp> Storage);

/// <summary>Loading a booking for a change (the handlers' Load step), and deciding a status change (their pure step).</summary>
public static class BookingWorkflow
{
    /// <summary>
    /// Loads the booking at its current version: of two changes at once, the second one's write is
    /// refused and the write-conflict policy runs it again on the first one's result (D-143).
    /// </summary>
    public static async Task<ServiceBooking?> LoadForChangeAsync(IDocumentSession session, string reference, CancellationToken ct)
    {
        if (!DatedReference.TryNormalise(ServiceBooking.ReferencePrefix, reference, out var normalised))
            return null;
        return await session.Query<ServiceBooking>().SingleOrDefaultAsync(b => b.Reference == normalised, ct);
    }

    /// <summary>
    /// Moves the booking to <paramref name="to"/> or refuses with INVALID_STATUS_TRANSITION leaving
    /// it untouched. Records the change, raises the calendar sequence and, when the booking no longer
    /// holds its slot, asks for the slot to be freed. No I/O: the returned storage does the writing.
    /// </summary>
    public static StatusChangeDecision ChangeStatus(ServiceBooking booking, BookingStatus to,
        ChangedBy actor, string? customerNote, string? internalNote, DateTimeOffset nowUtc)
    {
        if (!BookingTransitions.IsAllowed(booking.Status, to))
        {
            throw new DomainException(BookingErrors.InvalidStatusTransition,
                $"A booking that is {booking.Status.Words()} cannot be changed to {to.Words()}.");
        }

        var change = new StatusChange(nowUtc, booking.Status, to, actor, Clean(customerNote), Clean(internalNote));
        booking.Status = to;
        booking.History.Add(change);
        booking.IcsSequence++;
        booking.UpdatedAt = nowUtc;
        IMartenOp[] storage = booking.HoldsSlot
            ? [MartenOps.Update(booking)]
            : [MartenOps.Update(booking), new SlotClaims.Release(booking.Id)];
        return new StatusChangeDecision(change, storage);
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
