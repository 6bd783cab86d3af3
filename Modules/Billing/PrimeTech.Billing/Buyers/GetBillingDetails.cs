using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Billing.Buyers;

/// <summary>The customer's saved billing details. Answered with <see cref="SavedBillingDetails"/> (none yet: null).</summary>
public sealed record GetBillingDetails(Guid CustomerId);

public sealed record SavedBillingDetails(BillingDetails? Details);

public static class GetBillingDetailsHandler
{
    public static async Task<SavedBillingDetails> Handle(GetBillingDetails query, IQuerySession session, CancellationToken ct) =>
        new((await session.LoadAsync<AccountBillingDetails>(query.CustomerId, ct))?.View());
}

/// <summary>
/// The checkout's snapshot: the saved details, validated again with today's rules (a format that
/// was accepted once and is refused now must be corrected before another invoice carries it).
/// </summary>
public static class GetCheckoutBillingDetailsHandler
{
    public static async Task<BillingDetails> Handle(GetCheckoutBillingDetails query, IQuerySession session, CancellationToken ct)
    {
        var saved = await session.LoadAsync<AccountBillingDetails>(query.CustomerId, ct)
                    ?? throw new DomainException(BillingErrors.BillingDetailsRequired, "Add your billing details before you check out.");
        var details = saved.View();
        var result = SaveBillingDetails.Validator.Instance.Validate(SaveBillingDetails.From(query.CustomerId, details));
        if (!result.IsValid)
            throw new DomainException(BillingErrors.BillingDetailsRequired,
                $"Check your billing details before you check out: {result.Errors[0].ErrorMessage}.");
        return details;
    }
}

public sealed class GetBillingDetailsEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet(BillingDetailsRoutes.Api, async (HttpContext http, IMessageBus bus) =>
                (await bus.InvokeAsync<SavedBillingDetails>(new GetBillingDetails(http.User.RequiredUserId()), http.RequestAborted)).Details
                ?? throw new DomainException(BillingErrors.BillingDetailsNotSet, "You have not added billing details yet."))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Account");
}
