using System.Security.Claims;
using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Booking.Bookings;

/// <summary>The signed-in customer's bookings, soonest slot first.</summary>
public sealed record ListMyBookings(Guid UserId);

public static class ListMyBookingsHandler
{
    public static async Task<IReadOnlyList<CustomerBookingView>> Handle(ListMyBookings query, IDocumentSession session, CancellationToken ct)
    {
        var bookings = await session.Query<ServiceBooking>()
            .Where(b => b.UserId == query.UserId)
            .OrderByDescending(b => b.SlotStartUtc)
            .Take(200)
            .ToListAsync(ct);
        return bookings.Select(CustomerBookingView.From).ToList();
    }
}

public sealed class ListMyBookingsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/bookings", async (ClaimsPrincipal user, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<IReadOnlyList<CustomerBookingView>>(new ListMyBookings(user.RequiredUserId()))))
            .RequireAuthorization()
            .WithTags("Bookings")
            .WithSummary("The signed-in customer's bookings.");
}
