using FluentValidation;
using PrimeTech.BuildingBlocks.Validation;

namespace PrimeTech.Booking.Services;

/// <summary>The body of <c>POST /api/admin/services</c> and <c>PUT /api/admin/services/{id}</c>.</summary>
public sealed record ServiceFields(string? Slug, string? Name, string? Description, int? DurationMinutes, bool? IsActive);

/// <summary>
/// Creates a service (<see cref="Id"/> null) or updates one. Existing bookings keep the name,
/// duration and slot they were made with.
/// </summary>
public sealed record SaveService(Guid? Id, ServiceFields Fields)
{
    public sealed class Validator : AbstractValidator<ServiceFields>
    {
        public Validator()
        {
            RuleFor(x => x.Slug).NotEmpty().WithMessage("Enter a slug, like remote-support.");
            RuleFor(x => x.Slug).Matches("^[a-z0-9]+(-[a-z0-9]+)*$").MaximumLength(80).When(x => !string.IsNullOrEmpty(x.Slug))
                .WithMessage("Use up to 80 lower-case letters, digits and single hyphens, like remote-support.");
            RuleFor(x => x.Name).NotEmpty().WithMessage("Enter a name.");
            RuleFor(x => x.Name).MaximumLength(120).WithMessage("Keep the name to 120 characters.");
            RuleFor(x => x.Description).NotEmpty().WithMessage("Enter a description.");
            RuleFor(x => x.Description).MaximumLength(4000).WithMessage("Keep the description to 4,000 characters.");
            RuleFor(x => x.DurationMinutes).NotNull().WithMessage("Choose a duration.");
            RuleFor(x => x.DurationMinutes).Must(d => BookableService.AllowedDurations.Contains(d!.Value)).When(x => x.DurationMinutes is not null)
                .WithMessage($"Choose a duration of {string.Join(", ", BookableService.AllowedDurations)} minutes.");
        }
    }
}

/// <summary>Hides a service from customers (or shows it again). Idempotent; existing bookings are unaffected.</summary>
public sealed record SetServiceActive(Guid Id, bool IsActive);

public static class SaveServiceHandler
{
    private static readonly SaveService.Validator Validator = new();

    public static async Task<AdminServiceView> Handle(SaveService command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var fields = command.Fields with { Slug = command.Fields.Slug?.Trim().ToLowerInvariant() };
        Validator.EnsureValid(fields);

        var now = clock.GetUtcNow();
        var service = command.Id is { } id
            ? await session.LoadAsync<BookableService>(id, ct) ?? throw DomainException.NotFound("The service")
            : new BookableService { Id = Guid.NewGuid(), CreatedAt = now };

        if (await session.Query<BookableService>().AnyAsync(s => s.Slug == fields.Slug && s.Id != service.Id, ct))
            throw new DomainException(BookingErrors.DuplicateValue, "Another service already uses this slug.",
                new Dictionary<string, string[]> { ["slug"] = ["Another service already uses this slug."] });

        service.Slug = fields.Slug!;
        service.Name = fields.Name!.Trim();
        service.Description = fields.Description!.Trim();
        service.DurationMinutes = fields.DurationMinutes!.Value;
        service.IsActive = fields.IsActive ?? true;
        service.UpdatedAt = now;
        session.Store(service);
        return AdminServiceView.From(service);
    }

    public static async Task<AdminServiceView> Handle(SetServiceActive command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var service = await session.LoadAsync<BookableService>(command.Id, ct) ?? throw DomainException.NotFound("The service");
        if (service.IsActive != command.IsActive)
        {
            service.IsActive = command.IsActive;
            service.UpdatedAt = clock.GetUtcNow();
            session.Store(service);
        }
        return AdminServiceView.From(service);
    }
}

public sealed class SaveServiceEndpoint : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/services", async (ServiceFields body, IMessageBus bus) =>
            {
                var service = await bus.InvokeAsync<AdminServiceView>(new SaveService(null, body));
                return Results.Created($"/api/admin/services/{service.Id}", service);
            })
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Create a bookable service (409 DUPLICATE_VALUE when the slug is taken).");
        app.MapPut("/api/admin/services/{id:guid}", async (Guid id, ServiceFields body, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<AdminServiceView>(new SaveService(id, body))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Update a bookable service.");
        app.MapPost("/api/admin/services/{id:guid}/deactivate", async (Guid id, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<AdminServiceView>(new SetServiceActive(id, false))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Hide a service from customers; existing bookings are unaffected.");
        app.MapPost("/api/admin/services/{id:guid}/activate", async (Guid id, IMessageBus bus) =>
                Results.Ok(await bus.InvokeAsync<AdminServiceView>(new SetServiceActive(id, true))))
            .RequireAuthorization(Policies.Admin)
            .WithTags("Admin")
            .WithSummary("Offer a deactivated service again.");
    }
}
