using FluentValidation;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Licensing.Admin;

/// <summary>Admin: revoke an active licence, with a reason (recorded with who and when).</summary>
public sealed record RevokeLicence(Guid AdminId, string LicenceKey, string? Reason)
{
    public sealed class Validator : AbstractValidator<RevokeLicence>
    {
        public Validator() => this.ReasonRules(x => x.Reason, required: true);
    }
}

/// <summary>Admin: make a revoked licence active again, with a reason.</summary>
public sealed record ReinstateLicence(Guid AdminId, string LicenceKey, string? Reason)
{
    public sealed class Validator : AbstractValidator<ReinstateLicence>
    {
        public Validator() => this.ReasonRules(x => x.Reason, required: true);
    }
}

/// <summary>Admin: clear the activation so the licence can be activated on another machine (idempotent).</summary>
public sealed record ResetLicenceActivation(Guid AdminId, string LicenceKey, string? Reason)
{
    public sealed class Validator : AbstractValidator<ResetLicenceActivation>
    {
        public Validator() => this.ReasonRules(x => x.Reason, required: false);
    }
}

public static class RevokeLicenceHandler
{
    public static async Task<AdminLicenceView> Handle(RevokeLicence command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var licence = await AdminLicences.LoadAsync(session, command.LicenceKey, ct);
        licence.RevokeByAdmin(command.AdminId, command.Reason!.Trim(), clock.GetUtcNow());
        session.Update(licence);
        return AdminLicenceView.From(licence);
    }
}

public static class ReinstateLicenceHandler
{
    public static async Task<AdminLicenceView> Handle(ReinstateLicence command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var licence = await AdminLicences.LoadAsync(session, command.LicenceKey, ct);
        licence.Reinstate(command.AdminId, command.Reason!.Trim(), clock.GetUtcNow());
        session.Update(licence);
        return AdminLicenceView.From(licence);
    }
}

public static class ResetLicenceActivationHandler
{
    public static async Task<AdminLicenceView> Handle(ResetLicenceActivation command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var licence = await AdminLicences.LoadAsync(session, command.LicenceKey, ct);
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        if (licence.Reset(command.AdminId, reason, clock.GetUtcNow()))
            session.Update(licence);
        return AdminLicenceView.From(licence);
    }
}

public static class AdminLicences
{
    /// <summary>The licence of a route key; an unknown or malformed key is 404.</summary>
    public static async Task<Licence> LoadAsync(IQuerySession session, string licenceKey, CancellationToken ct) =>
        await LicenceRules.ByKeyAsync(session, LicenceRules.NormaliseRouteKey(licenceKey), ct)
        ?? throw DomainException.NotFound("The licence");
}

/// <summary><c>{ reason }</c></summary>
public sealed record LicenceReasonRequest(string? Reason);

public sealed class AdminLicenceChangeEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        Map(app, "revoke", "Revoke a licence (reason required)", (admin, key, reason) => new RevokeLicence(admin, key, reason));
        Map(app, "reinstate", "Reinstate a revoked licence (reason required)", (admin, key, reason) => new ReinstateLicence(admin, key, reason));
        Map(app, "reset", "Clear a licence's activation (reason optional)", (admin, key, reason) => new ResetLicenceActivation(admin, key, reason));
    }

    private static void Map(IEndpointRouteBuilder app, string action, string summary, Func<Guid, string, string?, object> command) =>
        app.MapPost($"/api/admin/licences/{{licenceKey}}/{action}",
                async (string licenceKey, LicenceReasonRequest? body, HttpContext http, IMessageBus bus) =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return await bus.InvokeAsync<AdminLicenceView>(command(http.User.RequiredUserId(), licenceKey, body?.Reason), http.RequestAborted);
                })
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: licences")
            .WithSummary(summary);
}
