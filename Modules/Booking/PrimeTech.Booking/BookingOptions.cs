using System.ComponentModel.DataAnnotations;

namespace PrimeTech.Booking;

public sealed class BookingOptions
{
    public const string Section = "Bookings";

    /// <summary>How many days ahead customers can book.</summary>
    [Range(1, 365)] public int HorizonDays { get; set; } = 90;

    /// <summary>The calendar ORGANIZER of booking invitations: <c>Seller:Email</c>, else the sender address.</summary>
    public string? OrganiserEmail { get; set; }
}
