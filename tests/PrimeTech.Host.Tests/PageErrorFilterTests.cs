using FluentValidation;
using FluentValidation.Results;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.RazorPages.Infrastructure;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.Web.Pages;

namespace PrimeTech.Host.Tests;

/// <summary>
/// The one page filter that turns a handler's refusal into the page (D-120), run on a page model of
/// its own without a host: where each error lands, the status, and that a page it cannot show on is
/// left as it was.
/// </summary>
public sealed class PageErrorFilterTests
{
    [Fact]
    public async Task A_field_error_lands_on_the_field_under_the_page_prefix_and_answers_the_error_status()
    {
        var (page, result, http) = await RunAsync(new FormPage(), nameof(FormPage.OnPost),
            new DomainException(ErrorCode.ValidationFailed, "One or more fields are not valid.",
                new Dictionary<string, string[]> { ["addressLine1"] = ["Enter the first line of the address"] }));

        Assert.IsType<PageResult>(result);
        Assert.Equal(400, http.Response.StatusCode);
        Assert.Equal("Enter the first line of the address", Assert.Single(page.ModelState["Input.AddressLine1"]!.Errors).ErrorMessage);
        Assert.False(page.ModelState.ContainsKey(""));
        Assert.Equal(1, page.Prepared);
    }

    [Fact]
    public async Task An_error_without_a_field_is_a_model_error_for_the_summary()
    {
        var (page, result, http) = await RunAsync(new FormPage(), nameof(FormPage.OnPost),
            new DomainException(ErrorCode.Conflict, "The cart changed while you were checking out."));

        Assert.IsType<PageResult>(result);
        Assert.Equal(409, http.Response.StatusCode);
        var entry = Assert.Single(page.ModelState);
        Assert.Equal("", entry.Key);
        Assert.Equal("The cart changed while you were checking out.", Assert.Single(entry.Value!.Errors).ErrorMessage);
    }

    [Fact]
    public async Task The_page_field_map_and_a_handler_prefix_decide_the_keys()
    {
        var (page, _, _) = await RunAsync(new FormPage(), nameof(FormPage.OnPostPassword),
            new DomainException(ErrorCode.ValidationFailed, "One or more fields are not valid.", new Dictionary<string, string[]>
            {
                ["newPassword"] = ["Use at least 12 characters"], ["quantity"] = ["Enter 1 or more"], ["cart"] = ["Your cart is empty"],
            }));

        Assert.Equal(new[] { "", "Password.NewPassword", "Quantity" }, page.ModelState.Keys.Order());
        Assert.Equal("Your cart is empty", Assert.Single(page.ModelState[""]!.Errors).ErrorMessage);
    }

    [Fact]
    public async Task A_FluentValidation_failure_is_shown_as_VALIDATION_FAILED_under_the_camelCase_field()
    {
        var (page, _, http) = await RunAsync(new FormPage(), nameof(FormPage.OnPost),
            new ValidationException([new ValidationFailure("Reason", "Reason must be 500 characters or fewer")]));

        Assert.Equal(400, http.Response.StatusCode);
        Assert.Equal("Reason must be 500 characters or fewer", Assert.Single(page.ModelState["Input.Reason"]!.Errors).ErrorMessage);
    }

    [Fact]
    public async Task A_field_the_page_has_already_refused_keeps_the_page_message()
    {
        var (page, _, _) = await RunAsync(new FormPage(), nameof(FormPage.OnPost),
            new DomainException(ErrorCode.ValidationFailed, "One or more fields are not valid.", new Dictionary<string, string[]>
            {
                ["quantity"] = ["Enter a quantity"], ["name"] = ["Enter a name"],
            }),
            before: p => p.ModelState.AddModelError("Quantity", "Enter a quantity as a whole number"));

        Assert.Equal("Enter a quantity as a whole number", Assert.Single(page.ModelState["Quantity"]!.Errors).ErrorMessage);
        Assert.Equal("Enter a name", Assert.Single(page.ModelState["Input.Name"]!.Errors).ErrorMessage);
    }

    [Fact]
    public async Task Not_found_is_the_404_page_with_nothing_written_onto_the_form()
    {
        var (page, result, _) = await RunAsync(new FormPage(), nameof(FormPage.OnPost), DomainException.NotFound("The order"));

        Assert.Equal(404, Assert.IsType<StatusCodeResult>(result).StatusCode);
        Assert.Empty(page.ModelState);
        Assert.Equal(0, page.Prepared);
    }

    [Fact]
    public async Task A_page_without_a_form_for_errors_answers_the_status_page()
    {
        var page = new PlainPage();
        var (_, result, http) = await RunAsync(page, nameof(PlainPage.OnGet),
            new DomainException(ErrorCode.RateLimited, "Too many requests.") { RetryAfter = TimeSpan.FromSeconds(2.2) });

        Assert.Equal(429, Assert.IsType<StatusCodeResult>(result).StatusCode);
        Assert.Equal("3", http.Response.Headers.RetryAfter.ToString());
        Assert.Empty(page.ModelState);
    }

    [Fact]
    public async Task A_server_failure_is_left_to_the_error_page()
    {
        var filter = new PageErrorFilter();
        var (context, executed) = Contexts(new FormPage(), nameof(FormPage.OnPost), new DomainException(ErrorCode.PaymentProviderError, "Stripe is down."));

        await filter.OnPageHandlerExecutionAsync(context, () => Task.FromResult(executed));

        Assert.False(executed.ExceptionHandled);
        Assert.Null(executed.Result);
    }

    [Fact]
    public async Task What_the_page_loads_to_show_the_errors_being_gone_is_404()
    {
        var page = new FormPage { LoadFails = DomainException.NotFound("The licence") };
        var (_, result, _) = await RunAsync(page, nameof(FormPage.OnPost), new DomainException(ErrorCode.Conflict, "Already revoked."));

        Assert.IsType<NotFoundResult>(result);
    }

    private static async Task<(T Page, IActionResult? Result, HttpContext Http)> RunAsync<T>(
        T page, string handler, Exception thrown, Action<T>? before = null) where T : PageModel
    {
        var (context, executed) = Contexts(page, handler, thrown);
        before?.Invoke(page);
        await new PageErrorFilter().OnPageHandlerExecutionAsync(context, () => Task.FromResult(executed));
        Assert.True(executed.ExceptionHandled);
        return (page, executed.Result, context.HttpContext);
    }

    private static (PageHandlerExecutingContext, PageHandlerExecutedContext) Contexts(PageModel page, string handler, Exception thrown)
    {
        var pageContext = new PageContext(new ActionContext(new DefaultHttpContext(), new RouteData(), new CompiledPageActionDescriptor()));
        page.PageContext = pageContext;
        var method = new HandlerMethodDescriptor { MethodInfo = page.GetType().GetMethod(handler)!, HttpMethod = "POST", Parameters = [] };
        var executing = new PageHandlerExecutingContext(pageContext, [], method, new Dictionary<string, object?>(), page);
        var executed = new PageHandlerExecutedContext(pageContext, [], method, page) { Exception = thrown };
        return (executing, executed);
    }

    private sealed class FormPage : PageModel, IShowsDomainErrors
    {
        public int Prepared { get; private set; }
        public DomainException? LoadFails { get; init; }

        public IReadOnlyDictionary<string, string> ErrorFields { get; } = new Dictionary<string, string> { ["quantity"] = "Quantity", ["cart"] = "" };

        public void OnPost()
        {
        }

        [ErrorPrefix("Password")]
        public void OnPostPassword()
        {
        }

        public Task PrepareToShowErrorsAsync(DomainException error, CancellationToken ct)
        {
            Prepared++;
            return LoadFails is null ? Task.CompletedTask : Task.FromException(LoadFails);
        }
    }

    private sealed class PlainPage : PageModel
    {
        public void OnGet()
        {
        }
    }
}
