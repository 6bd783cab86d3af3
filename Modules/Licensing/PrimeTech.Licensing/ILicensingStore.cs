namespace PrimeTech.Licensing;

/// <summary>The Licensing module's own Marten store (schema <c>licensing</c>). No other module opens it.</summary>
public interface ILicensingStore : IDocumentStore;
