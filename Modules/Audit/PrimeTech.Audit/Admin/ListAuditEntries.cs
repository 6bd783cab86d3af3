using System.Globalization;
using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using PrimeTech.BuildingBlocks.Time;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Audit.Admin;

/// <summary>
/// The audit trail for admins, newest first (CODEX_HANDOFF §6.7). <see cref="Actor"/> is a user id
/// or an email address (exact, any case), <see cref="Action"/> an action name, <see cref="Target"/> an
/// identifier (exact, any case), <see cref="Outcome"/> <c>success</c> or <c>failure</c>, and
/// <see cref="From"/>/<see cref="To"/> London dates, inclusive. Paged.
/// </summary>
public sealed record ListAuditEntries(
    string? Actor, string? Action, string? Target, string? Outcome, string? From, string? To, int Page = 1,
    int PageSize = PagingRules.DefaultPageSize)
{
    public sealed class Validator : AbstractValidator<ListAuditEntries>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Actor).SearchText();
            RuleFor(x => x.Action).SearchText();
            RuleFor(x => x.Target).SearchText();
            RuleFor(x => x.Outcome).Must(o => ParseOutcome(o) is not null).When(x => !string.IsNullOrWhiteSpace(x.Outcome))
                .WithMessage("Choose an outcome: success or failure");
            RuleFor(x => x.From).Must(f => ParseDate(f) is not null).When(x => !string.IsNullOrWhiteSpace(x.From)).WithMessage("Enter a date as YYYY-MM-DD");
            RuleFor(x => x.To).Must(t => ParseDate(t) is not null).When(x => !string.IsNullOrWhiteSpace(x.To)).WithMessage("Enter a date as YYYY-MM-DD");
            RuleFor(x => x.To).Must((x, to) => ParseDate(to) >= ParseDate(x.From))
                .When(x => ParseDate(x.From) is not null && ParseDate(x.To) is not null).WithMessage("The end date must be on or after the start date");
            this.PageRules(x => x.Page, x => x.PageSize);
        }
    }

    public static readonly IReadOnlyList<string> Outcomes = [AuditEntry.Success, AuditEntry.Failure];

    /// <summary>true for success, false for failure, null if neither (any case).</summary>
    public static bool? ParseOutcome(string? outcome) => outcome?.Trim().ToLowerInvariant() switch
    {
        AuditEntry.Success => true,
        AuditEntry.Failure => false,
        _ => null,
    };

    public static DateOnly? ParseDate(string? value) =>
        DateOnly.TryParseExact(value?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    public AuditFilter ToFilter()
    {
        var actor = Blank(Actor);
        Guid? actorId = Guid.TryParse(actor, out var id) ? id : null;
        return new AuditFilter(
            actorId, actorId is null ? actor : null, Blank(Action)?.ToLowerInvariant(), Blank(Target), ParseOutcome(Outcome),
            ParseDate(From) is { } from ? London.ToUtc(from, TimeOnly.MinValue) : null,
            ParseDate(To) is { } to ? London.ToUtc(to.AddDays(1), TimeOnly.MinValue) : null);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}

/// <summary>An entry as the API shows it: <c>outcome</c> is <c>success</c> or <c>failure</c>, <c>reason</c> the error code of a failure.</summary>
public sealed record AuditEntryView(
    Guid Id, DateTimeOffset At, Guid? ActorId, string? ActorEmail, string? IpAddress,
    string Action, string? Target, string Outcome, int Status, string? Reason)
{
    public static AuditEntryView From(AuditEntry e) =>
        new(e.Id, e.At, e.ActorId, e.ActorEmail, e.IpAddress, e.Action, e.Target, e.Outcome, e.Status, e.Reason);
}

public static class ListAuditEntriesHandler
{
    public static async Task<Paged<AuditEntryView>> Handle(ListAuditEntries query, AuditLog log, CancellationToken ct)
    {
        var (items, total) = await log.ListAsync(query.ToFilter(), query.Page, query.PageSize, ct);
        return new Paged<AuditEntryView>(items.Select(AuditEntryView.From).ToList(), query.Page, query.PageSize, total);
    }
}

public sealed class ListAuditEntriesEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/audit", async (string? actor, string? action, string? target, string? outcome, string? from, string? to,
                    int? page, int? pageSize, HttpContext http, IMessageBus bus) =>
                {
                    http.Response.Headers.CacheControl = "no-store";
                    return Results.Ok(await bus.InvokeAsync<Paged<AuditEntryView>>(
                        new ListAuditEntries(actor, action, target, outcome, from, to, page ?? 1, pageSize ?? PagingRules.DefaultPageSize),
                        http.RequestAborted));
                })
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("The audit trail, newest first: admin actions and security events, filtered by actor, action, target, outcome and London dates (paged).")
            .Produces<Paged<AuditEntryView>>();
}
