namespace PrimeTech.Booking.Services;

/// <summary>The services customers can book, by name.</summary>
public sealed record ListServices;

/// <summary>One active service by slug.</summary>
public sealed record GetServiceBySlug(string Slug);

/// <summary>Every service, active or not, for staff.</summary>
public sealed record ListAllServices;

/// <summary>One service by id, active or not, for staff.</summary>
public sealed record GetService(Guid Id);

public static class ServiceQueriesHandler
{
    public static async Task<ItemList<ServiceView>> Handle(ListServices _, IDocumentSession session, CancellationToken ct) =>
        new((await session.Query<BookableService>().Where(s => s.IsActive).OrderBy(s => s.Name).ToListAsync(ct))
            .Select(ServiceView.From).ToList());

    public static async Task<ServiceView> Handle(GetServiceBySlug query, IDocumentSession session, CancellationToken ct)
    {
        var slug = query.Slug.Trim().ToLowerInvariant();
        var service = await session.Query<BookableService>().SingleOrDefaultAsync(s => s.Slug == slug && s.IsActive, ct);
        return service is null ? throw DomainException.NotFound("The service") : ServiceView.From(service);
    }

    public static async Task<ItemList<AdminServiceView>> Handle(ListAllServices _, IDocumentSession session, CancellationToken ct) =>
        new((await session.Query<BookableService>().OrderBy(s => s.Name).ToListAsync(ct)).Select(AdminServiceView.From).ToList());

    public static async Task<AdminServiceView> Handle(GetService query, IDocumentSession session, CancellationToken ct) =>
        AdminServiceView.From(await session.LoadAsync<BookableService>(query.Id, ct) ?? throw DomainException.NotFound("The service"));
}

public sealed class ServiceQueriesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/services", async (IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<ItemList<ServiceView>>(new ListServices())))
            .WithTags("Services")
            .WithSummary("The services customers can book, by name.");
        app.MapGet("/api/services/{slug}", async (string slug, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<ServiceView>(new GetServiceBySlug(slug))))
            .WithTags("Services")
            .WithSummary("One bookable service.");
        app.MapGet("/api/admin/services", async (IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<ItemList<AdminServiceView>>(new ListAllServices())))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Every service, active or not.");
        app.MapGet("/api/admin/services/{id:guid}", async (Guid id, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<AdminServiceView>(new GetService(id))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("One service, active or not.");
    }
}
