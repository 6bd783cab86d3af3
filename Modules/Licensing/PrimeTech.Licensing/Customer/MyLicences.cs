using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Licensing.Customer;

/// <summary>The customer's licences, newest first, with the machine each is activated on.</summary>
public sealed record GetMyLicences(Guid UserId);

public static class GetMyLicencesHandler
{
    public static async Task<ItemList<LicenceView>> Handle(GetMyLicences query, IQuerySession session, CancellationToken ct)
    {
        var licences = await session.Query<Licence>()
            .Where(l => l.UserId == query.UserId)
            .OrderByDescending(l => l.IssuedAt).ThenBy(l => l.Key)
            .ToListAsync(ct);
        return new ItemList<LicenceView>(licences.Select(LicenceView.From).ToList());
    }
}

public sealed class MyLicencesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/licences", (HttpContext http, IMessageBus bus) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return bus.InvokeAsync<ItemList<LicenceView>>(new GetMyLicences(http.User.RequiredUserId()), http.RequestAborted);
            })
            .RequireAuthorization()
            .WithTags("Licences")
            .WithSummary("Your licences, newest first");
}
