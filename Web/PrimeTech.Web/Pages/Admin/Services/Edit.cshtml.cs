using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using PrimeTech.Booking.Services;

namespace PrimeTech.Web.Pages.Admin.Services;

/// <summary>Creates a service (no id) or edits one; unticking Active deactivates it.</summary>
[Authorize(Policy = Policies.Admin)]
public sealed class EditModel(IMessageBus bus) : PageModel, IShowsDomainErrors
{
    private static readonly Dictionary<string, string> Fields = new()
    {
        ["slug"] = "Input.Slug",
        ["name"] = "Input.Name",
        ["description"] = "Input.Description",
        ["durationMinutes"] = "Input.DurationMinutes",
    };

    [BindProperty] public ServiceInput Input { get; set; } = new();
    public Guid? Id { get; private set; }

    public IReadOnlyDictionary<string, string> ErrorFields => Fields;

    public sealed class ServiceInput
    {
        [Display(Name = "Name")] public string? Name { get; set; }
        [Display(Name = "Slug (used in links)")] public string? Slug { get; set; }
        [Display(Name = "Description")] public string? Description { get; set; }
        [Display(Name = "Duration in minutes")] public int? DurationMinutes { get; set; }
        [Display(Name = "Active (customers can book it)")] public bool IsActive { get; set; } = true;
    }

    public async Task<IActionResult> OnGetAsync(Guid? id)
    {
        Id = id;
        if (id is null) return Page();
        var s = await bus.InvokeAsync<AdminServiceView>(new GetService(id.Value));
        Input = new ServiceInput { Name = s.Name, Slug = s.Slug, Description = s.Description, DurationMinutes = s.DurationMinutes, IsActive = s.IsActive };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid? id)
    {
        Id = id;
        // A non-number duration fails binding; the handler reports the missing duration as a field error.
        ModelState.Clear();
        var saved = await bus.InvokeAsync<AdminServiceView>(new SaveService(id,
            new ServiceFields(Input.Slug, Input.Name, Input.Description, Input.DurationMinutes, Input.IsActive)));
        TempData["Flash"] = $"Service \"{saved.Name}\" saved.";
        return Redirect("/admin/services");
    }

    /// <summary>The booking pages answer 200 with the errors on the form.</summary>
    public int ErrorStatus(DomainException error) => StatusCodes.Status200OK;
}
