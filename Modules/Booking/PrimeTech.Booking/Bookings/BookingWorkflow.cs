using Marten;
using PrimeTech.Booking.Availability;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Booking.Bookings;

/// <summary>Who is changing a booking, as recorded in its history.</summary>
public sealed record BookingActor(ActorKind Kind, string By, Guid? UserId)
{
    public static BookingActor Guest { get; } = new(ActorKind.Guest, "guest", null);
    public static BookingActor Customer(Guid userId) => new(ActorKind.Customer, "customer", userId);
    public static BookingActor Staff(string name, Guid? userId) => new(ActorKind.Staff, name, userId);
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
        await session.BeginTransactionAsync(ct);
        await session.AdvancedSql.QueryAsync<int>(
            "select 1 from (select pg_advisory_xact_lock(hashtextextended(?, 0))) as locked", ct, "booking:" + normalised);
        return await session.Query<ServiceBooking>().SingleOrDefaultAsync(b => b.Reference == normalised, ct);
    }

    /// <summary>
    /// Moves the booking to <paramref name="to"/> or refuses with INVALID_STATUS_TRANSITION leaving
    /// it untouched. Records the change, raises the calendar sequence and frees the slot when the
    /// booking no longer holds it. The caller stores the booking and sends the email.
    /// </summary>
    public static StatusChange ChangeStatus(IDocumentSession session, ServiceBooking booking, BookingStatus to,
        BookingActor actor, string? customerNote, string? internalNote, DateTimeOffset nowUtc)
    {
        if (!BookingTransitions.IsAllowed(booking.Status, to))
        {
            var allowed = BookingTransitions.NextOf(booking.Status);
            var hint = allowed.Count == 0
                ? $"A {booking.Status.Display().ToLowerInvariant()} booking cannot change any more."
                : $"From {booking.Status.Display()} it can move to: {string.Join(", ", allowed.Select(s => s.Display()))}.";
            throw new DomainException(BookingErrors.InvalidStatusTransition,
                $"Booking {booking.Reference} cannot move from {booking.Status.Display()} to {to.Display()}. {hint}");
        }

        var change = new StatusChange(nowUtc, actor.Kind, actor.By, actor.UserId, booking.Status, to,
            Clean(customerNote), Clean(internalNote));
        booking.Status = to;
        booking.History.Add(change);
        booking.IcsSequence++;
        if (!booking.HoldsSlot)
            SlotClaims.Release(session, booking.Id);
        session.Store(booking);
        return change;
    }

    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
