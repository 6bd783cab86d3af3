using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Identity.Emails;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Users;
using PrimeTech.Identity.Web;
using Wolverine;

namespace PrimeTech.Identity.Auth;

/// <summary>Emails a password-reset link (1 hour) if the email has an account. The answer never says whether it has.</summary>
public sealed record ForgotPassword(string? Email)
{
    public const string Accepted =
        "If an account exists for that email address, we have sent a link to reset the password. The link expires in 1 hour.";

    public sealed class Validator : AbstractValidator<ForgotPassword>
    {
        public static readonly Validator Instance = new();

        public Validator() => RuleFor(x => x.Email).Email();
    }
}

public static class ForgotPasswordHandler
{
    public static async Task<OutgoingEmail?> Handle(
        ForgotPassword command, IDocumentSession session, TimeProvider clock, IOptions<SiteOptions> site, CancellationToken ct)
    {
        ForgotPassword.Validator.Instance.EnsureValid(command);
        var email = EmailAddress.Normalise(command.Email);
        var user = await session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        if (user is null) return null;
        var token = EmailTokens.Issue(session, user.Id, EmailTokenPurpose.ResetPassword, clock.GetUtcNow());
        return IdentityEmails.ResetPassword(user, token, site.Value);
    }
}

public sealed class ForgotPasswordEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/auth/forgot-password", async (EmailRequest body, IMessageBus bus, CancellationToken ct) =>
            {
                await bus.InvokeAsync(new ForgotPassword(body.Email), ct);
                return Results.Json(new MessageResponse(ForgotPassword.Accepted), statusCode: StatusCodes.Status202Accepted);
            })
            .RequireRateLimiting(AuthRateLimits.Auth)
            .WithTags("Auth")
            .WithSummary("Email a password-reset link if the account exists (the same answer either way).")
            .Produces<MessageResponse>(StatusCodes.Status202Accepted);
}
