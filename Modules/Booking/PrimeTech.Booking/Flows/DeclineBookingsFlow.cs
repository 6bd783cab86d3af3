using PrimeTech.Booking.Admin;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Booking.Flows;

/// <summary>A bulk decline (<see cref="DeclineBookings"/>): each booking declined on its own.</summary>
public static class DeclineBookingsFlow
{
    /// <summary>
    /// Declines each distinct reference in turn, one <see cref="ChangeBookingStatus"/> each. Not a
    /// handler, so each decline is a message of its own with its own transaction and retries.
    /// </summary>
    public static async Task<DeclineBookingsResult> RunAsync(IMessageBus bus, DeclineBookings command, CancellationToken ct)
    {
        DeclineBookings.Validator.Instance.EnsureValid(command);
        var references = command.References!
            .Select(r => DatedReference.TryNormalise(ServiceBooking.ReferencePrefix, r, out var n) ? n : r.Trim())
            .Distinct(StringComparer.Ordinal).ToList();
        var results = new List<DeclineOutcome>(references.Count);
        foreach (var reference in references)
        {
            try
            {
                var declined = await bus.InvokeAsync<AdminBookingView>(
                    new ChangeBookingStatus(reference, nameof(BookingStatus.Declined), command.Reason, null, command.StaffName, command.StaffUserId), ct);
                results.Add(new DeclineOutcome(reference, "declined", declined.Status, null));
            }
            catch (DomainException e) when (e.Error == ErrorCode.NotFound)
            {
                results.Add(new DeclineOutcome(reference, "notFound", null, "No booking has this reference."));
            }
            catch (DomainException e) when (e.Error == BookingErrors.InvalidStatusTransition)
            {
                results.Add(new DeclineOutcome(reference, "notRequested", null, e.Detail));
            }
        }
        return new DeclineBookingsResult(results, results.Count(r => r.Outcome == "declined"));
    }
}
