using System.Security.Claims;
using FluentValidation;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>Changes the signed-in user's display name.</summary>
public sealed record ChangeName(Guid UserId, string? Name)
{
    public sealed class Validator : AbstractValidator<ChangeName>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Name).PersonName();
    }
}

public static class ChangeNameHandler
{
    public static async Task<Me> Handle(ChangeName command, IDocumentSession session, CancellationToken ct)
    {
        var user = await session.LoadAsync<User>(command.UserId, ct) ?? throw DomainException.NotFound("Your account");
        user.Name = command.Name!.Trim();
        session.Store(user);
        return Me.From(user);
    }
}

public sealed record ChangeNameRequest(string? Name);

public sealed class MeEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/auth/me", (ClaimsPrincipal user) => Results.Ok(Me.From(user)))
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Session)
            .WithTags("Auth")
            .WithSummary("The signed-in user; 401 UNAUTHENTICATED otherwise.")
            .Produces<Me>();

        app.MapPatch("/api/auth/me", async (ChangeNameRequest body, ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<Me>(new ChangeName(user.RequiredUserId(), body.Name), ct)))
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Session)
            .WithTags("Auth")
            .WithSummary("Change the signed-in user's name.")
            .Produces<Me>();
    }
}
