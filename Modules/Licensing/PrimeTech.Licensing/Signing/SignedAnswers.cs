using Microsoft.Extensions.DependencyInjection;

namespace PrimeTech.Licensing.Signing;

/// <summary>
/// Signs every answer under <c>/api/licences</c> (errors, 429s and empty bodies included) with the
/// Active key over the exact bytes sent, in <c>Licence-Signature: keyid=&lt;id&gt;, sig=&lt;base64&gt;</c>.
/// It must run outside the API's error handling, so problem+json bodies pass through it too.
/// </summary>
public static class SignedAnswers
{
    public const string Header = "Licence-Signature";

    public static bool Applies(HttpContext http) => http.Request.Path.StartsWithSegments("/api/licences");

    public static IApplicationBuilder UseSignedLicenceAnswers(this IApplicationBuilder app) =>
        app.UseWhen(Applies, licences => licences.Use(SignAsync));

    private static async Task SignAsync(HttpContext http, RequestDelegate next)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await next(http);
        }
        finally
        {
            http.Response.Body = original;
        }

        var body = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var keys = http.RequestServices.GetRequiredService<LicenceSigningKeys>();
        http.Response.Headers[Header] = keys.SignatureHeader(body.Span);
        http.Response.ContentLength = body.Length;
        await original.WriteAsync(body, http.RequestAborted);
    }
}
