using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.BuildingBlocks.Persistence;
using Wolverine.Marten;

namespace PrimeTech.Licensing.Customer;

/// <summary>
/// The customer frees their licence's seat from their account (say the old computer died), so the
/// software can be activated on another one, at most <c>Licensing:MachineSwaps:Limit</c> times per
/// <c>Licensing:MachineSwaps:Window</c> (409 DEVICE_SWAP_LIMIT_REACHED). Idempotent; another customer's licence is not found.
/// </summary>
public sealed record ReleaseMachine(Guid UserId, string LicenceKey);

public static class ReleaseMachineHandler
{
    /// <summary>Someone else's licence is answered exactly as a missing one.</summary>
    public static async Task<Licence> LoadAsync(ReleaseMachine command, IDocumentSession session, CancellationToken ct)
    {
        var licence = await LicenceRules.ByKeyAsync(session, LicenceRules.NormaliseRouteKey(command.LicenceKey), ct);
        return licence is not null && licence.UserId == command.UserId ? licence : throw DomainException.NotFound("The licence");
    }

    public static (LicenceView, IEnumerable<IMartenOp>) Handle(ReleaseMachine command, Licence licence, TimeProvider clock,
        IOptions<LicensingOptions> options)
    {
        var changed = licence.Release(command.UserId, clock.GetUtcNow(), options.Value.MachineSwaps);
        return (LicenceView.From(licence), StorageEffects.UpdateIf(changed, licence));
    }
}

public sealed class ReleaseMachineEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/licences/{licenceKey}/release", async (string licenceKey, HttpContext http, IMessageBus bus) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return await bus.InvokeAsync<LicenceView>(new ReleaseMachine(http.User.RequiredUserId(), licenceKey),
                    http.RequestAborted);
            })
            .RequireAuthorization()
            .WithTags("Licences")
            .WithSummary("Release the machine a licence is activated on, so another can activate it");
}
