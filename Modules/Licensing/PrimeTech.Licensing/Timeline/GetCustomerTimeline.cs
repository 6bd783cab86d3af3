using PrimeTech.BuildingBlocks.Timeline;
using PrimeTech.Licensing.Contracts;

namespace PrimeTech.Licensing.Timeline;

/// <summary>
/// The customer's licences and what happened to them (issued, activated on a machine, deactivated,
/// released, reset, revoked, reinstated, offline file issued), newest first, from each licence's
/// history; the newest licences by issue (index <c>ix_licence_user_id</c>).
/// </summary>
public static class GetCustomerTimelineHandler
{
    public static async Task<CustomerTimeline> Handle(GetCustomerTimeline query, IQuerySession session, CancellationToken ct)
    {
        var licences = await session.Query<Licence>()
            .Where(l => l.UserId == query.CustomerId)
            .OrderByDescending(l => l.IssuedAt)
            .Take(query.Limit + 1)
            .ToListAsync(ct);
        var entries = licences.SelectMany(l => l.History.Select(e => new TimelineEntry(
            e.At, e.Action == LicenceAction.Issued ? TimelineKinds.Licence : TimelineKinds.Activation, Title(l, e.Action),
            Detail(l, e), l.Key, $"/admin/licences/{l.Key}")));
        var timeline = CustomerTimeline.Newest(entries, query.Limit);
        return timeline with { More = timeline.More || licences.Count > query.Limit };
    }

    private static string Title(Licence licence, LicenceAction action) => action switch
    {
        LicenceAction.Issued => $"Licence {licence.Key} issued",
        LicenceAction.Activated => $"Licence {licence.Key} activated",
        LicenceAction.Deactivated => $"Licence {licence.Key} deactivated",
        LicenceAction.Released => $"Licence {licence.Key} released from its machine",
        LicenceAction.Reset => $"Licence {licence.Key} reset",
        LicenceAction.Revoked => $"Licence {licence.Key} revoked",
        LicenceAction.Reinstated => $"Licence {licence.Key} reinstated",
        LicenceAction.OfflineFileIssued => $"Offline licence file issued for {licence.Key}",
        _ => $"Licence {licence.Key}: {action}",
    };

    private static string Detail(Licence licence, LicenceEvent e) => e.Action switch
    {
        LicenceAction.Issued => $"{licence.ProductName} · order {licence.OrderNumber}",
        LicenceAction.Activated or LicenceAction.Deactivated or LicenceAction.OfflineFileIssued =>
            $"{licence.ProductName} · machine {e.MachineName ?? e.Fingerprint ?? "unknown"}",
        _ => e.Reason is null ? licence.ProductName : $"{licence.ProductName} · {e.Reason}",
    };
}
