using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Booking.Services;

/// <summary>The bookable services: active ones for customers, all of them for staff.</summary>
public sealed record ListServices(bool IncludeInactive = false);

public static class ListServicesHandler
{
    public static async Task<IReadOnlyList<ServiceView>> Handle(ListServices query, IDocumentSession session, CancellationToken ct)
    {
        var services = await session.Query<BookableService>()
            .Where(s => query.IncludeInactive || s.Active)
            .OrderBy(s => s.Name)
            .ToListAsync(ct);
        return services.Select(ServiceView.From).ToList();
    }
}

public sealed class ListServicesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/services", async (IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<IReadOnlyList<ServiceView>>(new ListServices())))
            .WithTags("Services")
            .WithSummary("The services customers can book.");
        app.MapGet("/api/admin/services", async (IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<IReadOnlyList<ServiceView>>(new ListServices(IncludeInactive: true))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Every service, active or not.");
    }
}
