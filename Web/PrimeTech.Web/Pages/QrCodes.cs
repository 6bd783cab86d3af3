using QRCoder;

namespace PrimeTech.Web.Pages;

/// <summary>QR codes as <c>data:</c> PNG URIs, which the site's CSP allows (<c>img-src 'self' data:</c>) where inline SVG styles would not be.</summary>
public static class QrCodes
{
    private const int PixelsPerModule = 5;

    public static string PngDataUri(string text)
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(text, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(PixelsPerModule);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
