using System.ComponentModel.DataAnnotations;

namespace PrimeTech.Storage.ObjectStorage;

public sealed class DownloadOptions
{
    public const string Section = "Downloads";

    /// <summary>How long a presigned download URL works. Each click mints a new one.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ErrorMessage = "Downloads:LinkLifetime must be between 1 second and 1 hour.")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromMinutes(5);
}
