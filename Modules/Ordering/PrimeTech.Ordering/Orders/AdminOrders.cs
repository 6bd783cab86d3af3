using PrimeTech.Ordering.Flows;
using FluentValidation;
using PrimeTech.Billing.Contracts;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Ordering.Orders;

/// <summary>
/// Admin: every order, newest first, filtered by status, creation date (London, inclusive) and
/// order number or customer email text, paged.
/// </summary>
public sealed record ListAdminOrders(
    string? Status, DateOnly? From, DateOnly? To, string? Q, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
{
    public sealed class Validator : AbstractValidator<ListAdminOrders>
    {
        public Validator()
        {
            RuleFor(x => x.Status)
                .Must(s => string.IsNullOrWhiteSpace(s) || Enum.TryParse<OrderStatus>(s, ignoreCase: true, out _))
                .WithMessage("Choose a status from the list");
            RuleFor(x => x.Q).SearchText();
            RuleFor(x => x.To)
                .Must((query, to) => query.From is null || to is null || to >= query.From)
                .WithMessage("The ‘to’ date must be the same as or after the ‘from’ date");
            this.PageRules(x => x.Page, x => x.PageSize);
        }
    }
}

public static class ListAdminOrdersHandler
{
    public static async Task<Paged<AdminOrderSummary>> Handle(ListAdminOrders query, IDocumentSession session, CancellationToken ct)
    {
        var orders = session.Query<Order>().AsQueryable();
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.Parse<OrderStatus>(query.Status, ignoreCase: true);
            orders = orders.Where(o => o.Status == status);
        }
        if (query.From is { } from)
        {
            var start = London.ToUtc(from, TimeOnly.MinValue);
            orders = orders.Where(o => o.CreatedAt >= start);
        }
        if (query.To is { } to)
        {
            var end = London.ToUtc(to.AddDays(1), TimeOnly.MinValue);
            orders = orders.Where(o => o.CreatedAt < end);
        }
        var q = query.Q?.Trim();
        if (!string.IsNullOrEmpty(q))
            orders = orders.Where(o => o.Number.Contains(q, StringComparison.OrdinalIgnoreCase)
                                       || o.CustomerEmail.Contains(q, StringComparison.OrdinalIgnoreCase));

        var total = await orders.CountAsync(ct);
        var page = await orders.OrderByDescending(o => o.CreatedAt)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<AdminOrderSummary>(page.Select(AdminOrderSummary.From).ToList(), query.Page, query.PageSize, total);
    }
}

/// <summary>Admin: any order by number.</summary>
public sealed record GetAdminOrder(string OrderNumber);

public static class GetAdminOrderHandler
{
    public static async Task<AdminOrderView> Handle(GetAdminOrder query, IDocumentSession session, CancellationToken ct) =>
        await OrderAccess.ByNumberAsync(session, query.OrderNumber, ct) is { } order
            ? AdminOrderView.From(order)
            : throw DomainException.NotFound("The order");
}

/// <summary><c>{ order, billing }</c>: the admin order page's data.</summary>
public sealed record AdminOrderDetail(AdminOrderView Order, BillingRecord Billing);

public sealed class AdminOrderEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/orders",
                (string? status, DateOnly? from, DateOnly? to, string? q, int? page, int? pageSize, HttpContext http, IMessageBus bus) =>
                    bus.InvokeAsync<Paged<AdminOrderSummary>>(
                        new ListAdminOrders(status, from, to, q, page ?? 1, pageSize ?? PagingRules.DefaultPageSize), http.RequestAborted))
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: orders");
        app.MapGet("/api/admin/orders/{number}", (string number, HttpContext http, IMessageBus bus) =>
                AdminOrderDetailFlow.RunAsync(bus, number, http.RequestAborted))
            .NoStore()
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: orders");
    }
}
