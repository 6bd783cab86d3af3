using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace PrimeTech.Web.Pages;

/// <summary>
/// Flash messages are set before a redirect and travel in the TempData cookie. The layout reads
/// TempData only when that cookie came with the request: reading it otherwise answers every page with
/// a Set-Cookie deleting a cookie the visitor never had, and no cache may keep such an answer (the
/// catalogue's output cache, D-147).
/// </summary>
public static class Flash
{
    public static bool MayBeWaiting(HttpContext http) => http.Request.Cookies.ContainsKey(CookieTempDataProvider.CookieName);
}
