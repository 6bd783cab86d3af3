using PrimeTech.Billing.Contracts;
using PrimeTech.Ordering.Orders;

namespace PrimeTech.Ordering.Flows;

/// <summary>The order from Ordering, then what Billing holds for it.</summary>
public static class AdminOrderDetailFlow
{
    public static async Task<AdminOrderDetail> RunAsync(IMessageBus bus, string orderNumber, CancellationToken ct)
    {
        var order = await bus.InvokeAsync<AdminOrderView>(new GetAdminOrder(orderNumber), ct);
        var billing = await bus.InvokeAsync<BillingRecord>(new GetOrderBillingRecord(order.OrderId), ct);
        return new AdminOrderDetail(order, billing);
    }
}
