global using PrimeTech.Booking.Availability;
global using PrimeTech.Booking.Bookings;
global using Xunit;
