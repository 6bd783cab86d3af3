using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Auth;

/// <summary>Revokes the session of this cookie at once: a copied cookie stops working.</summary>
public sealed record Logout(string? SessionToken);

public static class LogoutHandler
{
    public static Task Handle(Logout command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        LoginHandler.RevokeAsync(session, command.SessionToken, RevokedReasons.Logout, clock.GetUtcNow(), ct);
}

public sealed class LogoutEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/logout", async (HttpContext http, IMessageBus bus) =>
            {
                await bus.InvokeAsync(new Logout(SessionCookie.Read(http.Request)), http.RequestAborted);
                SessionCookie.Delete(http.Response);
                return Results.NoContent();
            })
            .RequireRateLimiting(AuthRateLimits.Session)
            .WithTags("Auth")
            .WithSummary("Sign out: revokes the session and clears the cookie (also when not signed in).");
}
