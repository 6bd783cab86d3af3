using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Booking.Admin;

/// <summary>One booking with its full history, internal notes included: staff only.</summary>
public sealed record GetBooking(string Reference);

public static class GetBookingHandler
{
    public static async Task<AdminBookingView> Handle(GetBooking query, IDocumentSession session, CancellationToken ct)
    {
        if (!DatedReference.TryNormalise(ServiceBooking.ReferencePrefix, query.Reference, out var reference))
            throw DomainException.NotFound("The booking");
        var booking = await session.Query<ServiceBooking>().SingleOrDefaultAsync(b => b.Reference == reference, ct)
            ?? throw DomainException.NotFound("The booking");
        return AdminBookingView.From(booking);
    }
}

public sealed class GetBookingEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/bookings/{reference}", async (string reference, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<AdminBookingView>(new GetBooking(reference))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("One booking with its full history, internal notes included.");
}
