using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Audit.Recording;

/// <summary>
/// Audits every state-changing request to an admin endpoint (<c>/api/admin/**</c>) or admin page
/// (<c>/admin/**</c> POST) in one place, so no handler has to remember to: routing names the action
/// and its target (<see cref="CaptureAdminAction"/>), and once the answer is final — errors, refusals
/// and the status-code pages included — the entry is appended with the outcome
/// (<see cref="UseAdminActionAudit"/>). The insert runs after the module's own transaction has
/// committed or rolled back, never inside it. Anonymous requests are not entries: they were refused
/// before anything ran, and would let anyone fill the trail.
/// </summary>
public static class AdminActionAudit
{
    /// <summary>Outermost (right after the forwarded-headers rules): sees the final status of every admin change.</summary>
    public static void UseAdminActionAudit(this IApplicationBuilder app) =>
        app.Use(async (http, next) =>
        {
            if (!IsAdminChange(http.Request))
            {
                await next(http);
                return;
            }
            var capture = new CapturedAdminAction();
            http.Features.Set(capture);
            var threw = false;
            try
            {
                await next(http);
            }
            catch
            {
                threw = true;
                throw;
            }
            finally
            {
                await AppendAsync(http, capture, threw);
            }
        });

    /// <summary>Right after routing, before authorization can refuse: the endpoint and route values are known.</summary>
    public static void CaptureAdminAction(this IApplicationBuilder app) =>
        app.Use((http, next) =>
        {
            if (http.Features.Get<CapturedAdminAction>() is { Action: null } capture && http.GetEndpoint() is { } endpoint
                && http.RequestServices.GetRequiredService<AdminActionNames>().Describe(endpoint, http) is var (action, target))
            {
                capture.Action = action;
                capture.Target = target;
            }
            return next(http);
        });

    private static bool IsAdminChange(HttpRequest request) =>
        !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) || HttpMethods.IsOptions(request.Method) || HttpMethods.IsTrace(request.Method))
        && (request.Path.StartsWithSegments("/api/admin") || request.Path.StartsWithSegments("/admin"));

    private static async Task AppendAsync(HttpContext http, CapturedAdminAction capture, bool threw)
    {
        if (capture.Action is null || http.User.UserId() is not { } actorId) return;
        var status = threw ? StatusCodes.Status500InternalServerError : http.Response.StatusCode;
        var succeeded = status < StatusCodes.Status400BadRequest;
        var services = http.RequestServices;
        var entry = new AuditEntry(
            Guid.CreateVersion7(), services.GetRequiredService<TimeProvider>().GetUtcNow(), actorId, http.User.Email(),
            http.Connection.RemoteIpAddress?.ToString(), capture.Action, capture.Target, succeeded, status,
            succeeded ? null : http.Features.Get<AnsweredProblem>()?.Code);
        try
        {
            // Not the request's token: an admin who closes the tab has still acted.
            await services.GetRequiredService<AuditLog>().AppendAsync(entry, CancellationToken.None);
        }
        catch (Exception e)
        {
            // The answer is already written; the entry goes to the log so it is not lost silently.
            services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AdminActionAudit))
                .LogError(e, "Audit entry not stored: {@AuditEntry}", entry);
        }
    }

    /// <summary>What routing and the page filter learnt about the admin action of this request.</summary>
    private sealed class CapturedAdminAction
    {
        public string? Action { get; set; }
        public string? Target { get; set; }
    }

    /// <summary>
    /// Once Razor Pages has chosen the handler, its name is the action's verb for certain; and admin
    /// list pages post the row they act on as a handler argument (<c>releaseId</c> on a product's
    /// releases page, <c>id</c> on the products list): that identifier, not the page's route value,
    /// is the target.
    /// </summary>
    public sealed class PageHandlerFilter : IAsyncPageFilter
    {
        public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

        public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
        {
            if (context.HttpContext.Features.Get<CapturedAdminAction>() is { Action: not null } capture)
            {
                capture.Action = AdminActionNames.PageAction(context.ActionDescriptor.ViewEnginePath, context.HandlerMethod?.Name);
                if (context.HandlerArguments.LastOrDefault(a => a.Key == "id" || a.Key.EndsWith("Id", StringComparison.Ordinal)).Value is { } id
                    && AdminActionNames.NormaliseTarget(id) is { } target)
                    capture.Target = target;
            }
            return next();
        }
    }
}
