// The namespaces most of this project's files use; a file names only the rest.
global using PrimeTech.Booking.Availability;
global using PrimeTech.Booking.Bookings;
global using Xunit;
