using Carter;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Booking.Services;

/// <summary>One service by id, active or not, for the admin edit page.</summary>
public sealed record GetService(Guid Id);

public static class GetServiceHandler
{
    public static async Task<ServiceView> Handle(GetService query, IDocumentSession session, CancellationToken ct) =>
        ServiceView.From(await session.LoadAsync<BookableService>(query.Id, ct) ?? throw DomainException.NotFound("The service"));
}

public sealed class GetServiceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/services/{id:guid}", async (Guid id, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<ServiceView>(new GetService(id))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("One bookable service.");
}
