using PrimeTech.BuildingBlocks.Persistence;
using Marten;
using PrimeTech.Booking.Availability;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Booking.Bookings;

/// <summary>Who is changing a booking, as recorded in its history.</summary>
public static class BookingActor
{
    public static ChangedBy Guest { get; } = new(ActorKind.Guest, null, "Guest");
    public static ChangedBy Customer(Guid userId, string name) => new(ActorKind.Customer, userId, name);
    public static ChangedBy Admin(Guid? userId, string name) => new(ActorKind.Admin, userId, name);
}

/// <summary>Loading a booking for a change, and applying a status change to it.</summary>
public static class BookingWorkflow
{
    /// <summary>
    /// Opens the session's transaction, takes a per-booking lock held until it commits, and loads
    /// the booking: concurrent changes of one booking run one after the other, each seeing the last.
    /// </summary>
    public static async Task<ServiceBooking?> LoadForChangeAsync(IDocumentSession session, string reference, CancellationToken ct)
    {
        if (!DatedReference.TryNormalise(ServiceBooking.ReferencePrefix, reference, out var normalised))
            return null;
        await TransactionLock.AcquireAsync(session, "booking:" + normalised, ct);
        return await session.Query<ServiceBooking>().SingleOrDefaultAsync(b => b.Reference == normalised, ct);
    }

    /// <summary>
    /// Moves the booking to <paramref name="to"/> or refuses with INVALID_STATUS_TRANSITION leaving
    /// it untouched. Records the change, raises the calendar sequence and frees the slot when the
    /// booking no longer holds it. The caller stores the booking and sends the email.
    /// </summary>
    public static StatusChange ChangeStatus(IDocumentSession session, ServiceBooking booking, BookingStatus to,
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
        if (!booking.HoldsSlot)
            SlotClaims.Release(session, booking.Id);
        session.Store(booking);
        return change;
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
