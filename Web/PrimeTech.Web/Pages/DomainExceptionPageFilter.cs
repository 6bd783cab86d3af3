using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Web.Pages;

/// <summary>
/// A rule a handler refused (a <see cref="DomainException"/> below 500) is shown on the page: a
/// page that implements <see cref="IShowsDomainErrors"/> is rendered again with the field errors
/// beside its fields and the rest in the summary, with the error's status; any other page answers
/// with that status on the styled status page, never as a 500.
/// </summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is not DomainException { Error.Status: < 500 } error || executed.ExceptionHandled)
            return;

        if (context.HandlerInstance is PageModel page and IShowsDomainErrors shows)
        {
            page.ModelState.AddDomainErrors(error, shows.ErrorPrefix);
            await shows.PrepareToShowErrorsAsync(context.HttpContext.RequestAborted);
            context.HttpContext.Response.StatusCode = error.Error.Status;
            executed.Result = page.Page();
        }
        else
        {
            executed.Result = new StatusCodeResult(error.Error.Status);
        }
        executed.ExceptionHandled = true;
    }
}

/// <summary>A page whose form shows a handler's refusal on itself (see <see cref="DomainExceptionPageFilter"/>).</summary>
public interface IShowsDomainErrors
{
    /// <summary>Where the form's fields sit in model state: API field <c>addressLine1</c> becomes <c>{prefix}.AddressLine1</c>.</summary>
    string ErrorPrefix { get; }

    /// <summary>Loads what the page shows besides the posted form, before it is rendered again.</summary>
    Task PrepareToShowErrorsAsync(CancellationToken ct);
}
