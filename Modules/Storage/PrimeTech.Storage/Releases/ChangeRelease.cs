using Carter;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Minio;
using Minio.DataModel.Args;
using PrimeTech.BuildingBlocks.Web;
using PrimeTech.Storage.Documents;

namespace PrimeTech.Storage.Releases;

/// <summary>Admin: make a draft or unpublished release available to entitled customers.</summary>
public sealed record PublishRelease(Guid ReleaseId);

/// <summary>Admin: hide a published release from customers (it can be published again).</summary>
public sealed record UnpublishRelease(Guid ReleaseId);

/// <summary>
/// Admin: withdraw a published (or unpublished) release with a reason, say a data-loss bug. It is
/// never offered or downloadable as an update again, and stays listed with its reason. Final.
/// </summary>
public sealed record YankRelease(Guid ReleaseId, string? Reason)
{
    public const int ReasonMaxLength = 500;

    public sealed class Validator : AbstractValidator<YankRelease>
    {
        public Validator() => RuleFor(x => x.Reason).Cascade(CascadeMode.Stop)
            .Must(r => !string.IsNullOrWhiteSpace(r)).WithMessage("Enter a reason")
            .Must(r => r!.Trim().Length <= ReasonMaxLength).WithMessage("Reason must be 500 characters or fewer");
    }
}

/// <summary>Admin: delete a draft and its file. Published (or once published) releases are kept.</summary>
public sealed record DeleteRelease(Guid ReleaseId);

/// <summary>Removes a deleted draft's file from S3, after the deletion has committed (retried if S3 is away).</summary>
public sealed record RemoveReleaseFile(string Bucket, string ObjectKey);

public static class PublishReleaseHandler
{
    public static async Task<AdminRelease> Handle(PublishRelease command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var release = await ReleaseLookup.LoadAsync(session, command.ReleaseId, ct);
        release.Publish(clock.GetUtcNow());
        session.Update(release);
        return AdminRelease.From(release);
    }
}

public static class UnpublishReleaseHandler
{
    public static async Task<AdminRelease> Handle(UnpublishRelease command, IDocumentSession session, CancellationToken ct)
    {
        var release = await ReleaseLookup.LoadAsync(session, command.ReleaseId, ct);
        release.Unpublish();
        session.Update(release);
        return AdminRelease.From(release);
    }
}

public static class YankReleaseHandler
{
    public static async Task<AdminRelease> Handle(YankRelease command, IDocumentSession session, TimeProvider clock, CancellationToken ct)
    {
        var release = await ReleaseLookup.LoadAsync(session, command.ReleaseId, ct);
        release.Yank(command.Reason!.Trim(), clock.GetUtcNow());
        session.Update(release);
        return AdminRelease.From(release);
    }
}

public static class DeleteReleaseHandler
{
    public static async Task<(AdminRelease, OutgoingMessages)> Handle(DeleteRelease command, IDocumentSession session, CancellationToken ct)
    {
        var release = await ReleaseLookup.LoadAsync(session, command.ReleaseId, ct);
        release.EnsureDeletable();
        var messages = new OutgoingMessages();
        if (await session.LoadAsync<StoredObject>(release.ObjectId, ct) is { } stored)
        {
            session.Delete(stored);
            messages.Add(new RemoveReleaseFile(stored.Bucket, stored.ObjectKey));
        }
        session.Delete(release);
        return (AdminRelease.From(release), messages);
    }
}

public static class RemoveReleaseFileHandler
{
    public static Task Handle(RemoveReleaseFile command, IMinioClient s3, CancellationToken ct) =>
        s3.RemoveObjectAsync(new RemoveObjectArgs().WithBucket(command.Bucket).WithObject(command.ObjectKey), ct);
}

public sealed record YankReleaseBody(string? Reason);

public static class ReleaseLookup
{
    public static async Task<Release> LoadAsync(IQuerySession session, Guid releaseId, CancellationToken ct) =>
        await session.LoadAsync<Release>(releaseId, ct) ?? throw DomainException.NotFound("The release");
}

public sealed class ReleaseChangeEndpoints : ICarterModule
{
    public void AddRoutes(IEndpointRouteBuilder app)
    {
        app.MapPost("/api/admin/releases/{releaseId:guid}/publish", (Guid releaseId, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<AdminRelease>(new PublishRelease(releaseId), http.RequestAborted))
            .RequireAuthorization(Policies.Admin).WithTags("Admin: releases").WithSummary("Publish a release to entitled customers");
        app.MapPost("/api/admin/releases/{releaseId:guid}/unpublish", (Guid releaseId, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<AdminRelease>(new UnpublishRelease(releaseId), http.RequestAborted))
            .RequireAuthorization(Policies.Admin).WithTags("Admin: releases").WithSummary("Hide a published release from customers");
        app.MapPost("/api/admin/releases/{releaseId:guid}/yank", (Guid releaseId, YankReleaseBody body, HttpContext http, IMessageBus bus) =>
                bus.InvokeAsync<AdminRelease>(new YankRelease(releaseId, body.Reason), http.RequestAborted))
            .RequireAuthorization(Policies.Admin).WithTags("Admin: releases")
            .WithSummary("Yank a release: { reason }. It is no longer offered or downloadable as an update, and stays listed with its reason");
        app.MapDelete("/api/admin/releases/{releaseId:guid}", async (Guid releaseId, HttpContext http, IMessageBus bus) =>
            {
                await bus.InvokeAsync<AdminRelease>(new DeleteRelease(releaseId), http.RequestAborted);
                return Results.NoContent();
            })
            .RequireAuthorization(Policies.Admin).WithTags("Admin: releases").WithSummary("Delete a draft release and its file");
    }
}
