using FluentValidation;
using Marten.Linq;
using PrimeTech.BuildingBlocks.Identifiers;
using PrimeTech.BuildingBlocks.Web;

namespace PrimeTech.Licensing.Admin;

/// <summary>
/// Admin search, newest first: <c>q</c> is an exact licence key, an exact order number, or else
/// part of the customer's email address; <c>status</c> narrows to Active or Revoked. Paged.
/// </summary>
public sealed record SearchLicences(string? Q, string? Status, int Page = 1, int PageSize = PagingRules.DefaultPageSize)
{
    public sealed class Validator : AbstractValidator<SearchLicences>
    {
        public Validator()
        {
            RuleFor(x => x.Status)
                .Must(s => string.IsNullOrWhiteSpace(s) || Enum.TryParse<LicenceStatus>(s.Trim(), ignoreCase: true, out _))
                .WithMessage("Choose a status from the list");
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more");
            RuleFor(x => x.PageSize).InclusiveBetween(1, 100).WithMessage("Page size must be between 1 and 100");
        }
    }
}

public static class SearchLicencesHandler
{
    public static async Task<Paged<AdminLicenceSummary>> Handle(SearchLicences query, IQuerySession session, CancellationToken ct)
    {
        IQueryable<Licence> licences = session.Query<Licence>();
        if (!string.IsNullOrWhiteSpace(query.Status))
        {
            var status = Enum.Parse<LicenceStatus>(query.Status.Trim(), ignoreCase: true);
            licences = licences.Where(l => l.Status == status);
        }

        var q = query.Q?.Trim() ?? "";
        if (LicenceKey.TryNormalise(q, out var key))
            licences = licences.Where(l => l.Key == key);
        else if (DatedReference.TryNormalise("ORD", q, out var orderNumber))
            licences = licences.Where(l => l.OrderNumber == orderNumber);
        else if (q.Length > 0)
        {
            var email = q.ToLowerInvariant();
            licences = licences.Where(l => l.UserEmail.Contains(email));
        }

        var page = await ((IMartenQueryable<Licence>)licences.OrderByDescending(l => l.IssuedAt).ThenBy(l => l.Key))
            .Stats(out var stats)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize)
            .ToListAsync(ct);
        return new Paged<AdminLicenceSummary>(page.Select(AdminLicenceSummary.From).ToList(), query.Page, query.PageSize,
            (int)stats.TotalResults);
    }
}

/// <summary>One licence, with fingerprint and history, for the admin page.</summary>
public sealed record GetAdminLicence(string LicenceKey);

public static class GetAdminLicenceHandler
{
    public static async Task<AdminLicenceView> Handle(GetAdminLicence query, IQuerySession session, CancellationToken ct) =>
        await LicenceRules.ByKeyAsync(session, LicenceRules.NormaliseRouteKey(query.LicenceKey), ct) is { } licence
            ? AdminLicenceView.From(licence)
            : throw PrimeTech.BuildingBlocks.Errors.DomainException.NotFound("The licence");
}

public sealed class AdminLicenceQueryEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/admin/licences", (string? q, string? status, int? page, int? pageSize, HttpContext http, IMessageBus bus) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return bus.InvokeAsync<Paged<AdminLicenceSummary>>(
                    new SearchLicences(q, status, page ?? 1, pageSize ?? PagingRules.DefaultPageSize), http.RequestAborted);
            })
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: licences")
            .WithSummary("Search licences by exact key, exact order number or part of the customer's email");
        app.MapGet("/api/admin/licences/{licenceKey}", (string licenceKey, HttpContext http, IMessageBus bus) =>
            {
                http.Response.Headers.CacheControl = "no-store";
                return bus.InvokeAsync<AdminLicenceView>(new GetAdminLicence(licenceKey), http.RequestAborted);
            })
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin: licences")
            .WithSummary("A licence with its activation and history");
    }
}
