using FluentValidation;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Identity.Admin;

/// <summary>
/// Accounts for admins, newest first: <see cref="Q"/> matches part of the email or the name (any
/// case), <see cref="Role"/> keeps those with the role, <see cref="Locked"/> those locked (or not)
/// by an admin. Paged.
/// </summary>
public sealed record ListUsers(string? Q, string? Role, bool? Locked, int Page = 1, int PageSize = 20)
{
    public static readonly IReadOnlyList<string> KnownRoles = [Roles.Customer, Roles.Admin];

    public sealed class Validator : AbstractValidator<ListUsers>
    {
        public static readonly Validator Instance = new();

        public Validator()
        {
            RuleFor(x => x.Q).SearchText();
            RuleFor(x => x.Role).Must(r => CanonicalRole(r) is not null).When(x => !string.IsNullOrWhiteSpace(x.Role))
                .WithMessage("Choose a role: Customer or Admin");
            RuleFor(x => x.Page).GreaterThanOrEqualTo(1).WithMessage("Page must be 1 or more");
            RuleFor(x => x.PageSize).InclusiveBetween(1, 100).WithMessage("Page size must be between 1 and 100");
        }
    }

    /// <summary>The role as spelt in the data (Customer, Admin), whatever case it was given in; null if unknown.</summary>
    public static string? CanonicalRole(string? role) =>
        KnownRoles.FirstOrDefault(r => string.Equals(r, role?.Trim(), StringComparison.OrdinalIgnoreCase));
}

public static class ListUsersHandler
{
    public static async Task<Paged<AdminUserView>> Handle(ListUsers query, IQuerySession session, TimeProvider clock, CancellationToken ct)
    {
        var users = session.Query<User>().AsQueryable();
        if (query.Q?.Trim() is { Length: > 0 } q)
        {
            var lower = q.ToLowerInvariant();
            users = users.Where(u => u.NormalizedEmail.Contains(lower) || u.Name.Contains(q, StringComparison.OrdinalIgnoreCase));
        }
        if (ListUsers.CanonicalRole(query.Role) is { } role)
            users = users.Where(u => u.Roles.Contains(role));
        if (query.Locked is true)
            users = users.Where(u => u.LockedAt != null);
        else if (query.Locked is false)
            users = users.Where(u => u.LockedAt == null);

        var total = await users.CountAsync(ct);
        var page = await users.OrderByDescending(u => u.CreatedAt).ThenBy(u => u.Id)
            .Skip((query.Page - 1) * query.PageSize).Take(query.PageSize).ToListAsync(ct);
        var rows = await AdminUsers.RowsAsync(session, page, clock.GetUtcNow(), ct);
        return new Paged<AdminUserView>(rows, query.Page, query.PageSize, total);
    }
}

public sealed class ListUsersEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app) =>
        app.MapGet("/api/admin/users", async (string? q, string? role, bool? locked, int? page, int? pageSize, IMessageBus bus, CancellationToken ct) =>
                Results.Ok(await bus.InvokeAsync<Paged<AdminUserView>>(new ListUsers(q, role, locked, page ?? 1, pageSize ?? 20), ct)))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Accounts, newest first: search email or name (q), filter by role and admin lock (paged).")
            .Produces<Paged<AdminUserView>>();
}
