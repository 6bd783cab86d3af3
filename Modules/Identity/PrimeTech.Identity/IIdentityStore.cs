namespace PrimeTech.Identity;

/// <summary>The Identity module's own Marten store (schema <c>identity</c>). No other module opens it.</summary>
public interface IIdentityStore : IDocumentStore;
