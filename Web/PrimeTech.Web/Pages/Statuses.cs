using PrimeTech.Billing.Contracts;
using PrimeTech.Billing.Payments;
using PrimeTech.Billing.Webhooks;
using PrimeTech.Licensing.Licences;
using PrimeTech.Ordering.Orders;
using PrimeTech.Storage.Releases;

namespace PrimeTech.Web.Pages;

/// <summary>
/// The statuses pages and views compare, as the owning module's enum (D-121). The read models carry
/// each status as the API states it (the enum's name); comparing the enum instead of a literal makes
/// a misspelt or renamed status a compile error rather than a branch that is never taken.
/// </summary>
public static class Statuses
{
    public static bool Is(this OrderDetail order, OrderStatus status) => Enum.Parse<OrderStatus>(order.Status) == status;

    public static bool Is(this AdminOrderView order, OrderStatus status) => Enum.Parse<OrderStatus>(order.Status) == status;

    public static bool Is(this RefundRecord refund, RefundStatus status) => Enum.Parse<RefundStatus>(refund.Status) == status;

    public static bool Is(this LicenceView licence, LicenceStatus status) => Enum.Parse<LicenceStatus>(licence.Status) == status;

    public static bool Is(this AdminLicenceView licence, LicenceStatus status) => Enum.Parse<LicenceStatus>(licence.Status) == status;

    public static bool Is(this AdminLicenceSummary licence, LicenceStatus status) => Enum.Parse<LicenceStatus>(licence.Status) == status;

    public static bool Is(this AdminRelease release, ReleaseStatus status) => Enum.Parse<ReleaseStatus>(release.Status) == status;

    public static bool Is(this WebhookEventDetail webhookEvent, WebhookOutcome outcome) => Enum.Parse<WebhookOutcome>(webhookEvent.Outcome) == outcome;
}
