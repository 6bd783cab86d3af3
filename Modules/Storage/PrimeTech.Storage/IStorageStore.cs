namespace PrimeTech.Storage;

/// <summary>The Storage module's own Marten store (schema <c>storage</c>). No other module opens it.</summary>
public interface IStorageStore : IDocumentStore;
