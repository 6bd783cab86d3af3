using PrimeTech.Billing.Payments;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.Licensing.Contracts;

namespace PrimeTech.Billing.Flows;

/// <summary>
/// The refund request of the API and the page: the order's licences from Licensing (when lines are
/// refunded), then Billing's <see cref="RequestRefund"/>.
/// </summary>
public static class RefundFlow
{
    public static async Task<RefundView> RunAsync(IMessageBus bus, string orderNumber, RefundRequest request, Guid adminId, CancellationToken ct)
    {
        IReadOnlyList<RefundableLicence> licences = [];
        if (request.Lines is { Count: > 0 } && DatedReference.TryNormalise("ORD", orderNumber, out var normalised))
        {
            var found = await bus.InvokeAsync<OrderLicences>(new GetOrderLicences(normalised), ct);
            licences = found.Items.Select(l => new RefundableLicence(l.Key, l.ProductSku, l.Revoked)).ToList();
        }
        return await bus.InvokeAsync<RefundView>(
            new RequestRefund(orderNumber, request.Reason, adminId, request.AmountPence, request.Lines, licences), ct);
    }
}
