using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using PrimeTech.Audit.Recording;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.BuildingBlocks.Validation;
using Wolverine;

namespace PrimeTech.Audit;

/// <summary>
/// The audit trail (CODEX_HANDOFF §6.7): admin actions captured centrally by the host's pipeline
/// (<see cref="AdminActionAudit"/>), security events sent by the modules as
/// <see cref="Contracts.RecordSecurityEvent"/>. Its one table lives in schema <c>audit</c>; it has no
/// Marten documents (DECISIONS D-080).
/// </summary>
public static class AuditModule
{
    public static IServiceCollection AddAuditModule(this IServiceCollection services)
    {
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AdminActionNames>();
        services.AddScoped<IMigrationStep, AuditLog.Migration>();
        services.Configure<MvcOptions>(o => o.Filters.Add(new AdminActionAudit.PageHandlerFilter()));
        services.ConfigureWolverine(o => o.Discovery.IncludeAssembly(typeof(AuditModule).Assembly));
        services.AddMessageValidators(typeof(AuditModule).Assembly);
        return services;
    }
}
