using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace PrimeTech.Identity.DataProtection;

/// <summary>An ASP.NET Data Protection key ring entry, shared by every app instance through PostgreSQL.</summary>
public sealed class DataProtectionKey
{
    /// <summary>The key's friendly name.</summary>
    public string Id { get; set; } = "";
    public string Xml { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}

/// <summary>
/// Keeps the Data Protection key ring in the identity schema, so antiforgery tokens and TempData
/// survive restarts and work on every instance behind a load balancer. The interface is
/// synchronous and Marten only reads asynchronously, so it blocks on the calls; that is cheap
/// here because the key ring is read rarely (it is cached and refreshed about daily).
/// </summary>
public sealed class MartenXmlRepository(IIdentityStore store, TimeProvider clock) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var session = store.QuerySession();
        var keys = session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult();
        return keys.Select(k => XElement.Parse(k.Xml)).ToList();
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var session = store.LightweightSession();
        session.Store(new DataProtectionKey
        {
            Id = string.IsNullOrEmpty(friendlyName) ? Guid.NewGuid().ToString() : friendlyName,
            Xml = element.ToString(SaveOptions.DisableFormatting),
            CreatedAt = clock.GetUtcNow(),
        });
        session.SaveChangesAsync().GetAwaiter().GetResult();
    }
}
