using PrimeTech.Billing.Flows;
using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Billing.Invoices;
using PrimeTech.Billing.StripeApi;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Persistence;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Billing.Payments;

/// <summary>
/// Admin: refund a paid order through Stripe — units of lines (<see cref="Lines"/>, with the
/// licences to revoke), an amount (<see cref="AmountPence"/>), or neither: everything left.
/// <see cref="Licences"/> are the order's licences as Licensing reports them (the endpoint or page
/// asks). Answered with <see cref="RefundView"/>.
/// </summary>
public sealed record RequestRefund(
    string OrderNumber,
    string? Reason,
    Guid RequestedBy,
    long? AmountPence = null,
    IReadOnlyList<RefundLineRequest>? Lines = null,
    IReadOnlyList<RefundableLicence>? Licences = null)
{
    public const int MaxReasonLength = 500;
    public const int MaxLines = 100;

    public sealed class Validator : AbstractValidator<RequestRefund>
    {
        public Validator()
        {
            RuleFor(x => x.Reason).MaximumLength(MaxReasonLength).WithMessage("Reason must be 500 characters or fewer");
            RuleFor(x => x.AmountPence).GreaterThan(0).WithMessage("Enter an amount of at least 1 penny")
                .LessThanOrEqualTo(100_000_000_00).WithMessage("Enter an amount the order could have been paid");
            RuleFor(x => x.Lines)
                .Must((command, lines) => command.AmountPence is null || lines is null || lines.Count == 0)
                .WithMessage("Refund either an amount or lines, not both")
                .Must(lines => lines is null || lines.Count <= MaxLines).WithMessage($"Name at most {MaxLines} lines");
            RuleForEach(x => x.Lines).ChildRules(line =>
            {
                line.RuleFor(l => l.Sku).NotEmpty().WithMessage("Name the line's SKU").MaximumLength(64).WithMessage("Name the line's SKU");
                line.RuleFor(l => l.Quantity).InclusiveBetween(1, 1000).WithMessage("Refund at least 1 unit");
                line.RuleFor(l => l.LicenceKeys).Must(k => k is null || k.Count <= 1000).WithMessage("Choose at most 1000 licences");
                line.RuleForEach(l => l.LicenceKeys).Must(k => LicenceKey.TryNormalise(k, out _)).WithMessage("Enter licence keys like LIC-7QK2-M4XD-9TRB");
            });
        }
    }
}

/// <summary><c>{ sku, quantity, licenceKeys? }</c>: units of one order line, and the licences of those units to revoke.</summary>
public sealed record RefundLineRequest(string Sku, int Quantity, IReadOnlyList<string>? LicenceKeys);

/// <summary><c>{ orderNumber, status, stripeRefundId, amountPence, requestedAt, kind, refundablePence }</c>.</summary>
public sealed record RefundView(
    string OrderNumber, string Status, string? StripeRefundId, long AmountPence, DateTimeOffset? RequestedAt, string Kind, long RefundablePence);

/// <summary>
/// Under the invoice's lock: the invoice must be Paid (ORDER_NOT_PAID), something must be left to
/// refund (REFUND_ALREADY_REQUESTED), the refund at most what is left (REFUND_EXCEEDS_REFUNDABLE)
/// and the licences the admin chose right (REFUND_LICENCES_INVALID); nothing is written otherwise.
/// The refund is then kept Pending with what it credits, and committed, so a concurrent request
/// sees it counted. Stripe is asked after that commit, outside any lock or transaction (idempotency
/// key and metadata name the refund); then, under the lock again, the refund gets Stripe's id, or is
/// marked Failed if Stripe refused (PAYMENT_PROVIDER_ERROR). Stripe's <c>charge.refunded</c> may
/// win that race: it finds the refund by the id in Stripe's metadata and completes it first.
/// </summary>
public static class RequestRefundHandler
{
    public static async Task<RefundView> Handle(
        RequestRefund command, IDocumentSession session, StripeGateway stripe, TimeProvider clock, CancellationToken ct)
    {
        if (!DatedReference.TryNormalise("ORD", command.OrderNumber, out var orderNumber))
            throw DomainException.NotFound("The order");
        var orderIds = await session.Query<Invoice>().Where(i => i.OrderNumber == orderNumber).Select(i => i.OrderId).ToListAsync(ct);
        if (orderIds.Count == 0)
            throw DomainException.NotFound("The order");
        var orderId = orderIds[0];

        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, orderId, ct);
        var invoice = await session.Query<Invoice>().FirstAsync(i => i.OrderId == orderId, ct);
        if (invoice.Status != InvoiceStatus.Paid)
            throw new DomainException(BillingErrors.OrderNotPaid, $"Order {orderNumber} has not been paid, so it cannot be refunded.");
        var receipt = await session.Query<Receipt>().FirstAsync(r => r.OrderId == orderId, ct);
        var refunds = await session.Query<Refund>().Where(r => r.OrderId == orderId).ToListAsync(ct);
        var refund = Reserve(command, invoice, receipt, refunds, clock.GetUtcNow());
        session.Insert(refund);
        await session.SaveChangesAsync(ct);

        Stripe.Refund created;
        try
        {
            created = await stripe.CreateRefundAsync(receipt.PaymentIntentId, refund.AmountPence, refund.Id, invoice.OrderNumber, invoice.Number, ct);
        }
        catch (PaymentProviderException e)
        {
            await RecordAsync(session, refund, stored =>
            {
                stored.Status = RefundStatus.Failed;
                stored.Error = e.Provider.Message.Length <= 500 ? e.Provider.Message : e.Provider.Message[..500];
            }, ct);
            throw;
        }
        var recorded = await RecordAsync(session, refund, stored => stored.StripeRefundId ??= created.Id, ct);
        var left = RefundRules.Refundable(invoice.GrossPence, refunds.Append(recorded));
        return new RefundView(recorded.OrderNumber, recorded.Status.ToString(), recorded.StripeRefundId, recorded.AmountPence, recorded.RequestedAt,
            recorded.Kind.ToString(), left);
    }

    /// <summary>The Pending refund to keep, or the rule it breaks (nothing written). Pure.</summary>
    internal static Refund Reserve(RequestRefund command, Invoice invoice, Receipt receipt, IReadOnlyList<Refund> refunds, DateTimeOffset now)
    {
        var counting = refunds.Where(r => r.Counts).ToList();
        var asks = (command.Lines ?? []).Select(l => new UnitsAsk(l.Sku, l.Quantity,
            (l.LicenceKeys ?? []).Select(k => k.Trim().ToUpperInvariant()).ToList())).ToList();
        var ask = new RefundAsk(command.AmountPence, asks);
        var lines = RefundRules.Plan(invoice, counting.SelectMany(r => r.Lines).ToList(), ask);
        if (ask.Kind == RefundKind.Lines)
        {
            var errors = RefundRules.LicenceErrors(invoice, asks, command.Licences ?? [],
                counting.SelectMany(r => r.LicenceKeys).ToHashSet(StringComparer.Ordinal));
            if (errors.Count > 0)
                throw new DomainException(RefundRules.LicencesInvalid, "Choose one licence of the order's line for each unit refunded.", errors);
        }
        return new Refund
        {
            Id = Guid.NewGuid(),
            OrderId = invoice.OrderId,
            OrderNumber = invoice.OrderNumber,
            InvoiceNumber = invoice.Number,
            ReceiptNumber = receipt.Number,
            AmountPence = lines.Sum(l => l.GrossPence),
            Status = RefundStatus.Pending,
            Kind = ask.Kind,
            Lines = lines,
            LicenceKeys = asks.SelectMany(a => a.LicenceKeys).ToList(),
            Reason = string.IsNullOrWhiteSpace(command.Reason) ? null : command.Reason.Trim(),
            RequestedAt = now,
            RequestedBy = command.RequestedBy,
        };
    }

    /// <summary>Changes the refund as it now stands (charge.refunded may have completed it), under the invoice's lock.</summary>
    private static async Task<Refund> RecordAsync(IDocumentSession session, Refund refund, Action<Refund> change, CancellationToken ct)
    {
        await TransactionLock.AcquireAsync(session, InvoiceIssuer.LockScope, refund.OrderId, ct);
        var stored = await session.Query<Refund>().FirstAsync(r => r.Id == refund.Id, ct);
        if (stored.Status == RefundStatus.Pending)
        {
            change(stored);
            session.Store(stored);
        }
        return stored;
    }
}

/// <summary><c>{ reason?, amountPence?, lines? }</c>.</summary>
public sealed record RefundRequest(string? Reason, long? AmountPence, IReadOnlyList<RefundLineRequest>? Lines);

public sealed class RequestRefundEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapPost("/api/admin/orders/{number}/refund", async (string number, HttpContext http, IMessageBus bus) =>
            {
                var body = await OptionalBodyAsync(http) ?? new RefundRequest(null, null, null);
                var refund = await RefundFlow.RunAsync(bus, number, body, http.User.RequiredUserId(), http.RequestAborted);
                return Results.Accepted($"/api/admin/orders/{refund.OrderNumber}", refund);
            })
            .Accepts<RefundRequest>("application/json")
            .Produces<RefundView>(StatusCodes.Status202Accepted)
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: orders");

    /// <summary>The body is optional (<c>{ reason?, amountPence?, lines? }</c>): none at all is fine; one that is sent must be JSON.</summary>
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
