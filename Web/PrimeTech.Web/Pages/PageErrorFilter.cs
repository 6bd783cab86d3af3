using PrimeTech.BuildingBlocks.Persistence;
using System.Globalization;
using System.Reflection;
using FluentValidation;
using Microsoft.AspNetCore.Mvc.Filters;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Web.Pages;

/// <summary>
/// The one place a page handler's refusal is turned into a page (D-120): a <see cref="DomainException"/>
/// below 500, or a FluentValidation <see cref="ValidationException"/> (stated as VALIDATION_FAILED, as
/// the API states it), or a write conflict that outlasted its retries (CONFLICT, D-118). A page that implements <see cref="IShowsDomainErrors"/> is rendered again with
/// the field errors beside its fields and the rest in the summary, answering with the error's status;
/// NOT_FOUND, and any refusal on another page, answers that status on the styled status page.
/// <c>Retry-After</c> goes with the answer when the refusal carries a wait, as on the API.
/// </summary>
public sealed class PageErrorFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.ExceptionHandled || Refusal(executed.Exception) is not { } error)
            return;
        executed.Result = await AnswerAsync(context, error);
        executed.ExceptionHandled = true;
    }

    private static DomainException? Refusal(Exception? exception) => exception switch
    {
        DomainException { Error.Status: < 500 } domain => domain,
        ValidationException validation => validation.Errors.ToDomainException(),
        not null when WriteConflicts.Is(exception) =>
            new DomainException(ErrorCode.Conflict, "Someone else changed this at the same moment. Try again."),
        _ => null,
    };

    private static async Task<IActionResult> AnswerAsync(PageHandlerExecutingContext context, DomainException error)
    {
        var response = context.HttpContext.Response;
        if (error.RetryAfter is { } wait)
            response.Headers.RetryAfter = DomainException.RetryAfterSeconds(wait).ToString(CultureInfo.InvariantCulture);
        if (context.HandlerInstance is not (PageModel page and IShowsDomainErrors shows) || !shows.ShowsOnPage(error))
            return new StatusCodeResult(error.Error.Status);

        var prefix = context.HandlerMethod?.MethodInfo.GetCustomAttribute<ErrorPrefixAttribute>()?.Prefix ?? shows.ErrorPrefix;
        page.ModelState.AddDomainErrors(error, prefix, shows.ErrorFields);
        response.StatusCode = shows.ErrorStatus(error);
        try
        {
            await shows.PrepareToShowErrorsAsync(error, context.HttpContext.RequestAborted);
        }
        catch (Exception again) when (Refusal(again) is { } alsoRefused)
        {
            // What the page shows beside the form has gone meanwhile (an account, a licence): nothing to show.
            if (alsoRefused.Error == ErrorCode.NotFound)
                return new NotFoundResult();
            // The list shown under a refused form can be refused too (a filter kept in the address): both are shown.
            page.ModelState.AddDomainErrors(alsoRefused, prefix, shows.ErrorFields);
        }
        return page.Page();
    }
}

/// <summary>
/// A page whose forms show a handler's refusal on the page itself (see <see cref="PageErrorFilter"/>).
/// Every member has the common answer; a page declares only where it differs.
/// </summary>
public interface IShowsDomainErrors
{
    /// <summary>Where the form's fields sit in model state: API field <c>addressLine1</c> becomes <c>{prefix}.AddressLine1</c>.</summary>
    string ErrorPrefix => "Input";

    /// <summary>API fields whose model-state key is not <c>{prefix}.{Field}</c> (an empty key: the summary only).</summary>
    IReadOnlyDictionary<string, string>? ErrorFields => null;

    /// <summary>Whether the refusal is shown on the page; by default a NOT_FOUND is the 404 page instead.</summary>
    bool ShowsOnPage(DomainException error) => error.Error != ErrorCode.NotFound;

    /// <summary>The status the page answers with: by default the error's own, as on the API.</summary>
    int ErrorStatus(DomainException error) => error.Error.Status;

    /// <summary>Loads what the page shows besides the posted form (and clears what must not be shown again) before it is rendered.</summary>
    Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct) => Task.CompletedTask;
}

/// <summary>A handler whose form's fields sit under their own prefix (a page with several forms), instead of the page's <see cref="IShowsDomainErrors.ErrorPrefix"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ErrorPrefixAttribute(string prefix) : Attribute
{
    public string Prefix { get; } = prefix;
}
