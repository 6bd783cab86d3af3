using System.ComponentModel.DataAnnotations;

namespace PrimeTech.BuildingBlocks.Web;

public sealed class SiteOptions
{
    public const string Section = "Site";

    /// <summary>Absolute base URL used in emails and redirects, e.g. https://primetech.example.</summary>
    [Required, Url] public string PublicUrl { get; set; } = "";
    public string Name { get; set; } = "Prime Tech Services";

    public string Absolute(string path) => PublicUrl.TrimEnd('/') + "/" + path.TrimStart('/');
}
