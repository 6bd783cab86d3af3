using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using PrimeTech.BuildingBlocks.Errors;

namespace PrimeTech.Web.Pages;

/// <summary>
/// A rule a page did not handle itself (a query string past its limits, an id that is not there)
/// answers with its own status on the styled status page, never as a 500. Pages still catch the
/// errors they show beside their fields; this is the floor under them.
/// </summary>
public sealed class DomainExceptionPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var executed = await next();
        if (executed.Exception is DomainException { Error.Status: < 500 } error && !executed.ExceptionHandled)
        {
            executed.Result = new StatusCodeResult(error.Error.Status);
            executed.ExceptionHandled = true;
        }
    }
}
