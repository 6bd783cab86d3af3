namespace PrimeTech.Booking;

/// <summary>The Booking module's own Marten store (schema <c>booking</c>). No other module opens it.</summary>
public interface IBookingStore : IDocumentStore;
