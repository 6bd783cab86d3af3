using PrimeTech.BuildingBlocks.Persistence;
using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Billing.Payments;

/// <summary>Admin: refund a paid order in full through Stripe. Answered with <see cref="RefundView"/>.</summary>
public sealed record RequestRefund(string OrderNumber, string? Reason, Guid RequestedBy)
{
    public const int MaxReasonLength = 500;

    public sealed class Validator : AbstractValidator<RequestRefund>
    {
        public Validator() =>
            RuleFor(x => x.Reason).MaximumLength(MaxReasonLength).WithMessage("Reason must be 500 characters or fewer");
    }
}

/// <summary><c>{ orderNumber, status, stripeRefundId, amountPence, requestedAt }</c>.</summary>
public sealed record RefundView(string OrderNumber, string Status, string? StripeRefundId, long AmountPence, DateTimeOffset? RequestedAt);

/// <summary>
/// The invoice must be Paid (ORDER_NOT_PAID) and the order not refunded yet
/// (REFUND_ALREADY_REQUESTED). Stripe is asked for a full refund of the payment before any lock or
/// transaction (idempotency key <c>refund-{ORD}</c>, so a retry or a concurrent request cannot
/// refund twice); then, under the invoice's lock, the refund is kept as Pending. Stripe's
/// <c>charge.refunded</c> may win that race and record the refund Completed first: the request then
/// adds its reason and requester to that refund.
/// </summary>
public static class RequestRefundHandler
{
    private static readonly RequestRefund.Validator Validator = new();

    public static async Task<RefundView> Handle(
        RequestRefund command, IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
    {
        Validator.EnsureValid(command);
        if (!DatedReference.TryNormalise("ORD", command.OrderNumber, out var orderNumber))
            throw DomainException.NotFound("The order");
        var orderIds = await session.Query<Invoice>().Where(i => i.OrderNumber == orderNumber).Select(i => i.OrderId).ToListAsync(ct);
        if (orderIds.Count == 0)
            throw DomainException.NotFound("The order");
        var orderId = orderIds[0];

        var (invoice, receipt) = await RefundableAsync(session, orderId, orderNumber, ct);
        var created = await stripe.CreateRefundAsync(receipt.PaymentIntentId, invoice.OrderNumber, invoice.Number, ct);

        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, orderId, ct);
        var reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim();
        var now = clock.GetUtcNow();
        var refund = await session.Query<Refund>().FirstOrDefaultAsync(r => r.OrderId == orderId, ct);
        if (refund is not null)
        {
            // Recorded by charge.refunded since the check above: this request's refund, unless the
            // event named another one (an event may name none).
            if (refund.RequestedAt is not null || (refund.StripeRefundId is not null && refund.StripeRefundId != created.Id))
                throw AlreadyRequested(orderNumber);
            refund.StripeRefundId = created.Id;
            refund.Reason = reason;
            refund.RequestedAt = now;
            refund.RequestedBy = command.RequestedBy;
            session.Store(refund);
        }
        else
        {
            refund = new Refund
            {
                Id = Guid.NewGuid(),
                OrderId = invoice.OrderId,
                OrderNumber = invoice.OrderNumber,
                InvoiceNumber = invoice.Number,
                ReceiptNumber = receipt.Number,
                StripeRefundId = created.Id,
                AmountPence = receipt.AmountPence,
                Status = RefundStatus.Pending,
                Reason = reason,
                RequestedAt = now,
                RequestedBy = command.RequestedBy,
            };
            session.Insert(refund);
        }
        return new RefundView(refund.OrderNumber, refund.Status.ToString(), refund.StripeRefundId, refund.AmountPence, refund.RequestedAt);
    }

    /// <summary>The paid invoice and its receipt, read before Stripe is asked (a paid invoice stays paid).</summary>
    private static async Task<(Invoice, Receipt)> RefundableAsync(IDocumentSession session, Guid orderId, string orderNumber, CancellationToken ct)
    {
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.OrderId == orderId, ct);
        if (invoice.Status != InvoiceStatus.Paid)
            throw new DomainException(BillingErrors.OrderNotPaid, $"Order {orderNumber} has not been paid, so it cannot be refunded.");
        if (await session.Query<Refund>().AnyAsync(r => r.OrderId == orderId, ct))
            throw AlreadyRequested(orderNumber);
        return (invoice, await session.Query<Receipt>().FirstAsync(r => r.OrderId == orderId, ct));
    }

    private static DomainException AlreadyRequested(string orderNumber) =>
        new(BillingErrors.RefundAlreadyRequested, $"A refund of order {orderNumber} has already been requested.");
}

public sealed record RefundRequest(string? Reason);

public sealed class RequestRefundEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/orders/{number}/refund", async (string number, HttpContext http, IMessageBus bus) =>
            {
                var body = await OptionalBodyAsync(http);
                var refund = await bus.InvokeAsync<RefundView>(
                    new RequestRefund(number, body?.Reason, http.User.RequiredUserId()), http.RequestAborted);
                return Results.Accepted($"/api/admin/orders/{refund.OrderNumber}", refund);
            })
            .Accepts<RefundRequest>("application/json")
            .Produces<RefundView>(StatusCodes.Status202Accepted)
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: orders");

    /// <summary>The body is optional (<c>{ reason? }</c>): none at all is fine; one that is sent must be JSON.</summary>
    private static async Task<RefundRequest?> OptionalBodyAsync(HttpContext http)
    {
        if (http.Request.ContentLength is null or 0 && http.Request.Headers.TransferEncoding.Count == 0)
            return null;
        if (!http.Request.HasJsonContentType())
            throw new DomainException(ErrorCode.UnsupportedMediaType, "Send the body as application/json.");
        try
        {
            return await http.Request.ReadFromJsonAsync<RefundRequest>(http.RequestAborted);
        }
        catch (System.Text.Json.JsonException)
        {
            throw new DomainException(ErrorCode.MalformedRequest, "The request body could not be read. Send valid JSON matching the documented shape.");
        }
    }
}
