namespace PrimeTech.Billing;

/// <summary>The Billing module's own Marten store (schema <c>billing</c>). No other module opens it.</summary>
public interface IBillingStore : IDocumentStore;
