using System.ComponentModel.DataAnnotations;

namespace PrimeTech.Storage.ObjectStorage;

public sealed class S3Options
{
    public const string Section = "S3";

    /// <summary>host:port of the S3 endpoint, without scheme (MinIO client convention).</summary>
    [Required] public string Endpoint { get; set; } = "";
    [Required] public string Region { get; set; } = "us-east-1";
    [Required] public string AccessKey { get; set; } = "";
    [Required] public string SecretKey { get; set; } = "";
    [Required, RegularExpression("^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$", ErrorMessage = "S3:Bucket must be a valid bucket name.")]
    public string Bucket { get; set; } = "";
    public bool UseSsl { get; set; }

    /// <summary>host:port that browsers reach, for presigned URLs (defaults to <see cref="Endpoint"/>).</summary>
    public string? PublicEndpoint { get; set; }

    /// <summary>Whether presigned URLs use https (defaults to <see cref="UseSsl"/>).</summary>
    public bool? PublicUseSsl { get; set; }
}
