using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace PrimeTech.Web.Pages;

/// <summary>303 See Other: the redirect of Post/Redirect/Get.</summary>
public sealed class SeeOtherResult(string url) : IActionResult
{
    public string Url { get; } = url;

    public Task ExecuteResultAsync(ActionContext context)
    {
        context.HttpContext.Response.StatusCode = StatusCodes.Status303SeeOther;
        context.HttpContext.Response.Headers.Location = Url;
        return Task.CompletedTask;
    }
}

public static class ReturnUrls
{
    public const string Default = "/account";

    /// <summary>
    /// The return URL if it is local (a single leading <c>/</c>, not <c>//</c> or <c>/\</c>, no scheme,
    /// no control characters, at most 2,048 characters); otherwise <paramref name="fallback"/>.
    /// </summary>
    public static string SafeOr(string? returnUrl, string fallback = Default) =>
        !string.IsNullOrEmpty(returnUrl) && returnUrl.Length <= 2048 && IsLocal(returnUrl) ? returnUrl : fallback;

    private static bool IsLocal(string url)
    {
        if (url.Any(char.IsControl)) return false;
        if (url[0] != '/') return false;
        if (url.Length == 1) return true;
        return url[1] != '/' && url[1] != '\\';
    }
}

public static class PasswordConfirmation
{
    /// <summary>The page-only "confirm password" rule (FRONTEND_HANDOFF §6).</summary>
    public static void Check(ModelStateDictionary modelState, string key, string? password, string? confirmation)
    {
        if (string.IsNullOrEmpty(confirmation))
            modelState.AddModelError(key, "Confirm your password");
        else if (!string.Equals(password, confirmation, StringComparison.Ordinal))
            modelState.AddModelError(key, "The passwords do not match");
    }
}
