using System.Security.Claims;
using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Identity.Emails;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Sessions;
using PrimeTech.Identity.Users;
using PrimeTech.Identity.Web;
using Wolverine;

namespace PrimeTech.Identity.Auth;

/// <summary>
/// Changes the password of the signed-in user, who must give the current one. Every session of
/// the user is revoked — including the one making the request, so a copied cookie dies too — and
/// a new session with the same persistence is opened for this browser.
/// </summary>
public sealed record ChangePassword(
    Guid UserId, Guid SessionId, string? CurrentPassword, string? NewPassword, string? IpAddress = null, string? UserAgent = null)
{
    public sealed class Validator : AbstractValidator<ChangePassword>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.CurrentPassword).ExistingPassword("Enter your current password");
            RuleFor(x => x.NewPassword).NewPassword(_ => null);
        }
    }
}

public sealed record PasswordChanged(Me User, IssuedSession Session);

public static class ChangePasswordHandler
{
    public static async Task<(PasswordChanged, OutgoingEmail)> Handle(
        ChangePassword command, IDocumentSession session, PasswordHashing passwords, TimeProvider clock,
        IOptions<SessionLifetimeOptions> options, IOptions<SiteOptions> site, CancellationToken ct)
    {
        ChangePassword.Validator.Instance.EnsureValid(command);
        var user = await session.LoadAsync<User>(command.UserId, ct) ?? throw DomainException.NotFound("Your account");
        if (!passwords.Verify(user, command.CurrentPassword!, out _))
            throw DomainException.Validation("currentPassword", "Your current password is incorrect");
        if (command.NewPassword == command.CurrentPassword)
            throw DomainException.Validation("newPassword", "Your new password must be different from your current password");
        if (string.Equals(command.NewPassword, user.Email, StringComparison.OrdinalIgnoreCase))
            throw DomainException.Validation("newPassword", "Your password must not be your email address");

        var now = clock.GetUtcNow();
        user.PasswordHash = passwords.Hash(user, command.NewPassword!);
        user.PasswordChangedAt = now;
        session.Store(user);

        var current = await session.LoadAsync<UserSession>(command.SessionId, ct);
        await UserSessions.RevokeAllAsync(session, user.Id, RevokedReasons.PasswordChanged, now, ct);
        var (opened, issued) = SessionIssuer.Open(user.Id, current?.Persistent ?? false, command.IpAddress, command.UserAgent, now, options.Value);
        session.Insert(opened);

        return (new PasswordChanged(Me.From(user), issued), IdentityEmails.PasswordChanged(user, now, site.Value));
    }
}

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword);

public sealed class ChangePasswordEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/change-password", async (ChangePasswordRequest body, ClaimsPrincipal user, HttpContext http, IMessageBus bus) =>
            {
                var result = await bus.InvokeAsync<PasswordChanged>(new ChangePassword(
                    user.RequiredUserId(), user.RequiredSessionId(), body.CurrentPassword, body.NewPassword,
                    RequestClient.IpAddress(http), RequestClient.UserAgent(http)), http.RequestAborted);
                SessionCookie.Append(http.Response, result.Session);
                return Results.Ok(result.User);
            })
            .RequireAuthorization()
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Change the password (current one required); signs out every other session and renews this one.")
            .Produces<Me>();
}
