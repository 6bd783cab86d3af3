using FluentValidation;

namespace PrimeTech.Ordering.Orders;

/// <summary>The customer's orders, newest first, paged.</summary>
public sealed record ListMyOrders(Guid CustomerId, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
{
    public sealed class Validator : AbstractValidator<ListMyOrders>
    {
        public Validator() => this.PageRules(x => x.Page, x => x.PageSize);
    }
}

/// <summary>One of the customer's own orders; anyone else's is NOT_FOUND.</summary>
public sealed record GetMyOrder(string OrderNumber, Guid CustomerId);

public static class ListMyOrdersHandler
{
    public static async Task<Paged<OrderSummary>> Handle(ListMyOrders query, IDocumentSession session, CancellationToken ct)
    {
        // The page and the total in one round trip (count(*) over the whole match).
        var page = await session.Query<Order>().Stats(out var stats).Where(o => o.CustomerId == query.CustomerId)
            .OrderByDescending(o => o.CreatedAt)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        return new Paged<OrderSummary>(page.Select(OrderSummary.From).ToList(), query.Page, query.PageSize, (int)stats.TotalResults);
    }
}

public static class GetMyOrderHandler
{
    public static async Task<OrderDetail> Handle(GetMyOrder query, IDocumentSession session, CancellationToken ct) =>
        OrderDetail.From(await OrderAccess.OwnAsync(session, query.OrderNumber, query.CustomerId, ct));
}

public sealed class MyOrdersEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/orders", (int? page, int? pageSize, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<Paged<OrderSummary>>(
                    new ListMyOrders(http.User.RequiredUserId(), page ?? 1, pageSize ?? PagingRules.DefaultPageSize), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Orders");
        app.MapGet("/api/orders/{number}", (string number, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<OrderDetail>(new GetMyOrder(number, http.User.RequiredUserId()), http.RequestAborted))
            .NoStore()
            .RequireAuthorization()
            .WithTags("Orders");
    }
}
