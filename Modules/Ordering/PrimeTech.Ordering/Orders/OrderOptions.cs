using System.ComponentModel.DataAnnotations;

namespace PrimeTech.Ordering.Orders;

public sealed class OrderOptions
{
    public const string Section = "Orders";

    /// <summary>A pending order not paid within this time after checkout is cancelled.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "365.00:00:00", ErrorMessage = "Orders:PendingExpiry must be between 1 second and 365 days.")]
    public TimeSpan PendingExpiry { get; set; } = TimeSpan.FromDays(7);
}
