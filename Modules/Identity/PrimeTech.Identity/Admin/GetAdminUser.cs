namespace PrimeTech.Identity.Admin;

/// <summary>One account for admins, with its active session count and the history of admin changes.</summary>
public sealed record GetAdminUser(Guid UserId);

public static class GetAdminUserHandler
{
    public static async Task<AdminUserView> Handle(GetAdminUser query, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var user = await session.LoadAsync<User>(query.UserId, ct) ?? throw AdminUsers.NotFound();
        return await AdminUsers.DetailAsync(session, user, clock.GetUtcNow(), ct);
    }
}

public sealed class GetAdminUserEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/users/{id}", async (string id, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<AdminUserView>(new GetAdminUser(AdminUsers.ParseId(id)), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("One account, with its active session count and the history of admin changes.")
            .Produces<AdminUserView>();
}
