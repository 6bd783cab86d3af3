using Carter;
using FluentValidation;
using Marten;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using PrimeTech.Booking.Availability;
using PrimeTech.BuildingBlocks.Errors;
using PrimeTech.BuildingBlocks.Validation;
using PrimeTech.BuildingBlocks.Web;
using Wolverine;

namespace PrimeTech.Booking.Services;

/// <summary>The fields an admin edits on a service (<c>POST /api/admin/services</c>, <c>PUT /api/admin/services/{id}</c>).</summary>
public sealed record ServiceFields(string? Slug, string? Name, string? Description, int? DurationMinutes, bool? Active);

/// <summary>
/// Creates a service (<see cref="Id"/> null) or updates one; deactivating hides it from customers
/// and frees no bookings. Existing bookings keep the name and slot they were made with.
/// </summary>
public sealed record SaveService(Guid? Id, ServiceFields Fields)
{
    public sealed class Validator : AbstractValidator<ServiceFields>
    {
        public Validator()
        {
            RuleFor(x => x.Slug).NotEmpty().WithMessage("Enter a slug, like remote-support.")
                .Matches("^[a-z0-9]+(-[a-z0-9]+)*$").When(x => !string.IsNullOrEmpty(x.Slug))
                .WithMessage("Use lower-case letters, digits and single hyphens, like remote-support.")
                .MaximumLength(60).WithMessage("Keep the slug to 60 characters.");
            RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name.")
                .MaximumLength(100).WithMessage("Keep the name to 100 characters.");
            RuleFor(x => x.Description).MaximumLength(2000).WithMessage("Keep the description to 2,000 characters.");
            RuleFor(x => x.DurationMinutes).NotNull().WithMessage("Enter a duration in minutes.")
                .Must(d => WorkingHours.IsValidDuration(d!.Value)).When(x => x.DurationMinutes is not null)
                .WithMessage($"Enter a duration of {WorkingHours.MinDurationMinutes} to {WorkingHours.MaxDurationMinutes} minutes, in steps of {WorkingHours.BlockMinutes}.");
        }
    }
}

public static class SaveServiceHandler
{
    private static readonly SaveService.Validator Validator = new();

    public static async Task<ServiceView> Handle(SaveService command, IDocumentSession session, CancellationToken ct)
    {
        var fields = command.Fields with { Slug = command.Fields.Slug?.Trim().ToLowerInvariant() };
        Validator.EnsureValid(fields);

        var service = command.Id is { } id
            ? await session.LoadAsync<BookableService>(id, ct) ?? throw DomainException.NotFound("The service")
            : new BookableService { Id = Guid.NewGuid() };

        if (await session.Query<BookableService>().AnyAsync(s => s.Slug == fields.Slug && s.Id != service.Id, ct))
            throw DomainException.Validation("slug", "Another service already uses this slug.");

        service.Slug = fields.Slug!;
        service.Name = fields.Name!.Trim();
        service.Description = fields.Description?.Trim() ?? "";
        service.DurationMinutes = fields.DurationMinutes!.Value;
        service.Active = fields.Active ?? true;
        session.Store(service);
        return ServiceView.From(service);
    }
}

public sealed class SaveServiceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/services", async (ServiceFields body, IMessageBus bus) =>
            {
                var service = await bus.InvokeAsync<ServiceView>(new SaveService(null, body));
                return Results.Created($"/api/admin/services/{service.Id}", service);
            })
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Create a bookable service.");
        app.MapPut("/api/admin/services/{id:guid}", async (Guid id, ServiceFields body, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<ServiceView>(new SaveService(id, body))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Update a bookable service; active=false deactivates it.");
    }
}
