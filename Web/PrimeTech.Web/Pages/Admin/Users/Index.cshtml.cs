using Microsoft.AspNetCore.Authorization;
using PrimeTech.Identity.Admin;
using System.Globalization;

namespace PrimeTech.Web.Pages.Admin.Users;

/// <summary>Accounts, newest first: search by email or name, filter by role and lock (GET form), paged.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class IndexModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    public const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? Role { get; set; }
    [BindProperty(SupportsGet = true)] public string? Locked { get; set; }

    /// <summary>The page number, read from <c>?page=</c> (Razor Pages keeps the route value "page" for itself).</summary>
    public int PageNumber { get; private set; } = 1;

    public Paged<AdminUserView>? Users { get; private set; }

    public IReadOnlyDictionary<string, string> ErrorFields { get; } =
        new Dictionary<string, string> { ["q"] = nameof(Q), ["role"] = nameof(Role), ["page"] = "", ["pageSize"] = "" };

    public async Task OnGetAsync()
    {
        ModelState.Clear();
        var pageText = Request.Query["page"].ToString();
        PageNumber = pageText.Length == 0 ? 1 : int.TryParse(pageText, out var number) ? number : 0;
        bool? locked = Locked switch { "true" => true, "false" => false, _ => null };
        Users = await bus.InvokeAsync<Paged<AdminUserView>>(new ListUsers(Q, Role, locked, PageNumber, PageSize), HttpContext.RequestAborted);
    }

    public string PageUrl(int page) =>
        "/admin/users" + QueryString.Create(new (string Name, string? Value)[] { ("q", Q), ("role", Role), ("locked", Locked), ("page", page.ToString(CultureInfo.InvariantCulture)) }
            .Where(p => !string.IsNullOrEmpty(p.Value))
            .Select(p => new KeyValuePair<string, string?>(p.Name, p.Value)));
}
