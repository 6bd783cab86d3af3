namespace PrimeTech.Booking.Contracts;

/// <summary>Asks the Booking module for the admin dashboard's figures of a London day.</summary>
public sealed record GetBookingFigures(DateOnly Day);

/// <param name="RequestedToday">Bookings made on the day.</param>
/// <param name="ScheduledToday">Bookings whose slot is on the day and still held (not cancelled or declined).</param>
/// <param name="AwaitingConfirmation">Bookings in status Requested, whatever their day.</param>
public sealed record BookingFigures(int RequestedToday, int ScheduledToday, int AwaitingConfirmation);
