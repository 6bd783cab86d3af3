namespace PrimeTech.Booking.Tests;

[CollectionDefinition(Name)]
public sealed class BookingCollection : ICollectionFixture<BookingFixture>
{
    public const string Name = "booking";
}

public sealed class BookingFixture : AppFixture;
