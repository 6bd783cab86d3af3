using PrimeTech.Billing.Flows;
using Carter;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using PrimeTech.Billing.StripeApi;

namespace PrimeTech.Billing.Webhooks;

public sealed class StripeWebhookEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/webhooks/stripe", (HttpContext http, IMessageBus bus, IOptions<StripeOptions> stripe, TimeProvider clock,
                    ILoggerFactory logs) =>
                StripeWebhookFlow.ReceiveAsync(http, bus, stripe.Value, clock, logs.CreateLogger(typeof(StripeWebhookFlow))))
            .AllowAnonymous()
            .WithTags("Webhooks")
            .WithSummary("Stripe events, signed with the endpoint secret (raw body, Stripe-Signature header)");
}
