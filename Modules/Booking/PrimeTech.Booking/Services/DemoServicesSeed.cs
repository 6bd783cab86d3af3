using PrimeTech.BuildingBlocks.Operations;

namespace PrimeTech.Booking.Services;

/// <summary>Adds the demo services on <c>seed</c> unless a service with the same slug exists.</summary>
public sealed class DemoServicesSeed(IBookingStore store, TimeProvider clock) : ISeedStep
{
    public int Order => 40;

    private static readonly BookableService[] Demo =
    [
        new()
        {
            Slug = "remote-support", Name = "Remote support", DurationMinutes = 60,
            Description = "An engineer connects to your computer securely to fix a problem, install or update our software, or answer your questions.",
        },
        new()
        {
            Slug = "on-site-set-up", Name = "On-site set-up", DurationMinutes = 120,
            Description = "An engineer visits your premises to install and configure our software and get your team started.",
        },
        new()
        {
            Slug = "consultation", Name = "Consultation", DurationMinutes = 30,
            Description = "A video call with an engineer to plan a roll-out, review your set-up or choose the right products.",
        },
    ];

    public async Task<IReadOnlyList<string>> RunAsync(SeedArguments arguments, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await using var session = store.LightweightSession();
        var lines = new List<string>();
        foreach (var demo in Demo)
        {
            if (await session.Query<BookableService>().AnyAsync(s => s.Slug == demo.Slug, ct))
            {
                lines.Add($"Service '{demo.Slug}' already exists.");
                continue;
            }
            session.Insert(new BookableService
            {
                Id = Guid.NewGuid(), Slug = demo.Slug, Name = demo.Name, Description = demo.Description,
                DurationMinutes = demo.DurationMinutes, IsActive = true, CreatedAt = now, UpdatedAt = now,
            });
            lines.Add($"Service '{demo.Slug}' added.");
        }
        await session.SaveChangesAsync(ct);
        return lines;
    }
}
