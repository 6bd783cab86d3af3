namespace PrimeTech.Booking.Services;

/// <summary>A service customers can book an engineer for (remote support, on-site set-up, ...).</summary>
public sealed class BookableService
{
    public Guid Id { get; set; }

    /// <summary>URL name, unique (index), lower-case letters, digits and hyphens.</summary>
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Length of one booking; slots start at 09:00 and step by this much.</summary>
    public int DurationMinutes { get; set; }
    public bool Active { get; set; } = true;
}

/// <summary>What customers see of a service.</summary>
public sealed record ServiceView(Guid Id, string Slug, string Name, string Description, int DurationMinutes, bool Active)
{
    public static ServiceView From(BookableService s) => new(s.Id, s.Slug, s.Name, s.Description, s.DurationMinutes, s.Active);
}
