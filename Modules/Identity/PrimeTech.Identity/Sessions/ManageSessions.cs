using System.Security.Claims;
using PrimeTech.Identity.Web;

namespace PrimeTech.Identity.Sessions;

/// <summary>The user's active sessions, newest first, marking the current one.</summary>
public sealed record ListSessions(Guid UserId, Guid CurrentSessionId);

public sealed record SessionView(
    Guid Id, DateTimeOffset CreatedAt, DateTimeOffset LastSeenAt, DateTimeOffset ExpiresAt,
    string IpAddress, string Device, bool Persistent, bool Current);

public sealed record SessionList(IReadOnlyList<SessionView> Items);

public static class ListSessionsHandler
{
    public static async Task<SessionList> Handle(ListSessions query, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var open = await UserSessions.OpenAsync(session, query.UserId, ct);
        return new SessionList(open
            .Where(s => s.IsActiveAt(now))
            .OrderByDescending(s => s.CreatedAt)
            .Select(s => new SessionView(s.Id, s.CreatedAt, s.LastSeenAt, s.ExpiresAt, s.IpAddress,
                Devices.Describe(s.UserAgent), s.Persistent, s.Id == query.CurrentSessionId))
            .ToList());
    }
}

/// <summary>Signs out one of the user's own sessions (someone else's, or an inactive one, is not found).</summary>
public sealed record RevokeSession(Guid UserId, Guid SessionId);

public sealed record SessionRevoked(Guid SessionId);

public static class RevokeSessionHandler
{
    public static async Task<SessionRevoked> Handle(RevokeSession command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var target = await session.LoadAsync<UserSession>(command.SessionId, ct);
        if (target is null || target.UserId != command.UserId || !target.IsActiveAt(now))
            throw DomainException.NotFound("That session");
        target.Revoke(now, RevokedReasons.SignedOutByUser);
        session.Store(target);
        return new SessionRevoked(target.Id);
    }
}

/// <summary>Signs out every other session of the user; the current one stays.</summary>
public sealed record RevokeOtherSessions(Guid UserId, Guid CurrentSessionId);

public sealed record OtherSessionsRevoked(int RevokedCount);

public static class RevokeOtherSessionsHandler
{
    public static async Task<OtherSessionsRevoked> Handle(RevokeOtherSessions command, IDocumentSession session, TimeProvider clock, CancellationToken ct) =>
        new(await UserSessions.RevokeAllAsync(session, command.UserId, RevokedReasons.SignedOutByUser, clock.GetUtcNow(), ct, keep: command.CurrentSessionId));
}

public sealed class SessionEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        var sessions = app.MapGroup("/api/auth/sessions")
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Session)
            .WithTags("Auth");

        sessions.MapGet("", async (ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<SessionList>(new ListSessions(user.RequiredUserId(), user.RequiredSessionId()), ct)))
            .WithSummary("The signed-in user's active sessions, newest first.")
            .Produces<SessionList>();

        sessions.MapDelete("/{id:guid}", async (Guid id, ClaimsPrincipal user, HttpContext http, IMessageBus bus) =>
            {
                await bus.InvokeAsync<SessionRevoked>(new RevokeSession(user.RequiredUserId(), id), http.RequestAborted);
                if (id == user.RequiredSessionId()) SessionCookie.Delete(http.Response);
                return Results.NoContent();
            })
            .WithSummary("Sign out one of your sessions (the current one means signing out).");

        sessions.MapPost("/revoke-others", async (ClaimsPrincipal user, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<OtherSessionsRevoked>(new RevokeOtherSessions(user.RequiredUserId(), user.RequiredSessionId()), ct)))
            .WithSummary("Sign out every other session.")
            .Produces<OtherSessionsRevoked>();
    }
}
