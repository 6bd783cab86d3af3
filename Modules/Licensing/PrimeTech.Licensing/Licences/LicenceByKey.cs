using System.Linq.Expressions;
using Marten.Linq;

namespace PrimeTech.Licensing.Licences;

/// <summary>
/// A licence by its key (the unique index <c>ux_licence_key</c>): the licence API's lookup on every
/// call, compiled so its SQL is planned once rather than parsed from LINQ per request.
/// </summary>
public sealed class LicenceByKey : ICompiledQuery<Licence, Licence?>
{
    public string Key { get; init; } = "";

    public Expression<Func<IMartenQueryable<Licence>, Licence?>> QueryIs() => q => q.FirstOrDefault(l => l.Key == Key);
}
