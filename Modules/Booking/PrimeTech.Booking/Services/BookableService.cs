namespace PrimeTech.Booking.Services;

/// <summary>A service customers can book an engineer for (remote support, on-site set-up, ...).</summary>
public sealed class BookableService
{
    /// <summary>The durations a service may have: each divides the 09:00–17:00 day into whole slots sensibly.</summary>
    public static readonly int[] AllowedDurations = [30, 45, 60, 90, 120, 180, 240];

    public Guid Id { get; set; }

    /// <summary>URL name, unique (index): lower-case letters, digits and single hyphens.</summary>
    public string Slug { get; set; } = "";
    public string Name { get; set; } = "";
    public string Description { get; set; } = "";

    /// <summary>Length of one booking; slots start at 09:00 and step by this much.</summary>
    public int DurationMinutes { get; set; }
    public bool IsActive { get; set; } = true;
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>What customers see of a service.</summary>
public sealed record ServiceView(Guid Id, string Slug, string Name, string Description, int DurationMinutes)
{
    public static ServiceView From(BookableService s) => new(s.Id, s.Slug, s.Name, s.Description, s.DurationMinutes);
}

public sealed record AdminServiceView(
    Guid Id, string Slug, string Name, string Description, int DurationMinutes, bool IsActive,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt)
{
    public static AdminServiceView From(BookableService s) =>
        new(s.Id, s.Slug, s.Name, s.Description, s.DurationMinutes, s.IsActive, s.CreatedAt, s.UpdatedAt);
}
