using PrimeTech.BuildingBlocks.Identifiers;

namespace PrimeTech.Licensing.Licences;

/// <summary>
/// Where new licence keys come from: <see cref="LicenceKey.New"/> (CSPRNG). A service so that
/// tests can force a collision and see it retried.
/// </summary>
public class LicenceKeySource
{
    public virtual string Next() => LicenceKey.New();
}
