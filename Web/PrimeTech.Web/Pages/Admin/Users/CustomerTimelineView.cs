using PrimeTech.BuildingBlocks.Timeline;

namespace PrimeTech.Web.Pages.Admin.Users;

/// <summary>
/// Everything about one customer in time order, newest first, for the admin user page (D-116):
/// each module answers its own <c>GetCustomerTimeline</c> contracts query from its own documents
/// and the page merges them, keeping the newest <see cref="Limit"/>. An entry a module could not
/// link (a downloaded invoice, known to Storage only by its number) links where that number's own
/// entry links.
/// </summary>
public sealed record CustomerTimelineView(IReadOnlyList<TimelineEntry> Entries, bool More)
{
    public const int Limit = 200;

    public static async Task<CustomerTimelineView> LoadAsync(IMessageBus bus, Guid customerId, CancellationToken ct)
    {
        CustomerTimeline[] answers =
        [
            await bus.InvokeAsync<CustomerTimeline>(new PrimeTech.Ordering.Contracts.GetCustomerTimeline(customerId, Limit), ct),
            await bus.InvokeAsync<CustomerTimeline>(new PrimeTech.Billing.Contracts.GetCustomerTimeline(customerId, Limit), ct),
            await bus.InvokeAsync<CustomerTimeline>(new PrimeTech.Licensing.Contracts.GetCustomerTimeline(customerId, Limit), ct),
            await bus.InvokeAsync<CustomerTimeline>(new PrimeTech.Storage.Contracts.GetCustomerTimeline(customerId, Limit), ct),
            await bus.InvokeAsync<CustomerTimeline>(new PrimeTech.Booking.Contracts.GetCustomerTimeline(customerId, Limit), ct),
            await bus.InvokeAsync<CustomerTimeline>(new PrimeTech.Audit.Contracts.GetCustomerTimeline(customerId, Limit), ct),
        ];
        var all = answers.SelectMany(a => a.Entries).ToList();
        var links = all.Where(e => e.Reference is not null && e.Href is not null)
            .GroupBy(e => e.Reference!, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Href!, StringComparer.OrdinalIgnoreCase);
        var merged = CustomerTimeline.Newest(all, Limit);
        return new CustomerTimelineView(
            merged.Entries.Select(e => e.Href is null && e.Reference is not null && links.TryGetValue(e.Reference, out var href) ? e with { Href = href } : e).ToList(),
            merged.More || answers.Any(a => a.More));
    }
}
