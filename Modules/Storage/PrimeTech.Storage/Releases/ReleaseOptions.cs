using System.ComponentModel.DataAnnotations;

namespace PrimeTech.Storage.Releases;

public sealed class ReleaseOptions
{
    public const string Section = "Releases";

    /// <summary>The largest release file accepted (default 1 GiB). A bigger upload is refused with 413 and nothing is kept.</summary>
    [Range(1L, long.MaxValue, ErrorMessage = "Releases:MaxUploadBytes must be more than 0.")]
    public long MaxUploadBytes { get; set; } = 1L << 30;
}
