// The namespaces most of this project's files use; a file names only the rest.
global using Microsoft.Extensions.DependencyInjection;
global using PrimeTech.Booking.Bookings;
global using PrimeTech.Testing;
global using Xunit;
