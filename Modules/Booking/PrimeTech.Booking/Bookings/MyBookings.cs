using System.Security.Claims;
using FluentValidation;
using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Booking.Bookings;

/// <summary>The signed-in customer's bookings, newest slot first, paged.</summary>
public sealed record ListMyBookings(Guid UserId, int Page = 1, int PageSize = 20)
{
    public sealed class Validator : AbstractValidator<ListMyBookings>
    {
        public Validator()
        {
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Page starts at 1.");
            RuleFor(x => x.PageSize).InclusiveBetween(1, 100).WithMessage("Page size is 1 to 100.");
        }
    }
}

/// <summary>One of the signed-in customer's bookings; someone else's is not found.</summary>
public sealed record GetMyBooking(Guid UserId, string Reference);

public static class MyBookingsHandler
{
    public static async Task<Paged<BookingView>> Handle(ListMyBookings query, IDocumentSession session, CancellationToken ct)
    {
        var mine = session.Query<ServiceBooking>().Where(b => b.UserId == query.UserId);
        var total = await mine.CountAsync(ct);
        var page = await mine.OrderByDescending(b => b.StartUtc)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<BookingView>(page.Select(BookingView.From).ToList(), query.Page, query.PageSize, total);
    }

    public static async Task<BookingView> Handle(GetMyBooking query, IDocumentSession session, CancellationToken ct)
    {
        if (!DatedReference.TryNormalise(ServiceBooking.ReferencePrefix, query.Reference, out var reference))
            throw DomainException.NotFound("The booking");
        var booking = await session.Query<ServiceBooking>().SingleOrDefaultAsync(b => b.Reference == reference, ct);
        return booking is not null && booking.UserId == query.UserId
            ? BookingView.From(booking)
            : throw DomainException.NotFound("The booking");
    }
}

public sealed class MyBookingsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/bookings", async (int? page, int? pageSize, ClaimsPrincipal user, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<Paged<BookingView>>(new ListMyBookings(user.RequiredUserId(), page ?? 1, pageSize ?? 20))))
            .RequireAuthorization()
            .WithTags("Bookings")
            .WithSummary("The signed-in customer's bookings, newest slot first (paged).");
        app.MapGet("/api/bookings/{reference}", async (string reference, ClaimsPrincipal user, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<BookingView>(new GetMyBooking(user.RequiredUserId(), reference))))
            .RequireAuthorization()
            .WithTags("Bookings")
            .WithSummary("One of the signed-in customer's bookings.");
    }
}
