namespace PrimeTech.Ordering;

/// <summary>The Ordering module's own Marten store (schema <c>ordering</c>). No other module opens it.</summary>
public interface IOrderingStore : IDocumentStore;
