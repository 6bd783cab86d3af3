using System.Text;
using PrimeTech.BuildingBlocks.Web;
using Microsoft.Extensions.Options;

namespace PrimeTech.Host.Platform;

/// <summary><c>robots.txt</c> and <c>sitemap.xml</c> for the public pages.</summary>
public static class SeoFiles
{
    private static readonly string[] PublicPaths =
        ["/", "/products", "/services", "/book", "/bookings/track", "/login", "/register", "/legal/terms", "/legal/privacy"];

    public static void MapSeoFiles(this WebApplication app)
    {
        app.MapGet("/robots.txt", (IOptions<SiteOptions> site) => Results.Text(
            $"User-agent: *\nDisallow: /account\nDisallow: /admin\nDisallow: /api\nDisallow: /checkout\nSitemap: {site.Value.Absolute("/sitemap.xml")}\n",
            "text/plain"));

        app.MapGet("/sitemap.xml", (IOptions<SiteOptions> site) =>
        {
            var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?>""")
                .Append("""<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">""");
            foreach (var path in PublicPaths)
                xml.Append("<url><loc>").Append(site.Value.Absolute(path)).Append("</loc></url>");
            xml.Append("</urlset>");
            return Results.Text(xml.ToString(), "application/xml", Encoding.UTF8);
        });
    }
}
