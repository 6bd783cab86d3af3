using FluentValidation;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.Identity.Passwords;
using PrimeTech.Identity.Tokens;
using PrimeTech.Identity.Web;

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
    /// <summary>At most one reset email per account in this time, however often it is asked for (the answer never changes).</summary>
    public static readonly TimeSpan CoolDown = TimeSpan.FromSeconds(60);

    public static async Task<DeliverEmailToken?> Handle(ForgotPassword command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var email = EmailAddress.Normalise(command.Email);
        await TransactionLock.AcquireAsync(session, "password-reset-email:" + email, ct);
        var user = await session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
        if (user is null) return null;
        var now = clock.GetUtcNow();
        if (user.LastPasswordResetEmailAt is { } last && now - last < CoolDown) return null;

        user.LastPasswordResetEmailAt = now;
        session.Store(user);
        return EmailTokens.Issue(session, user.Id, EmailTokenPurpose.ResetPassword, now);
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
