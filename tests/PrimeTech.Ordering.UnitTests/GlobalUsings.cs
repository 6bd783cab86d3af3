// The namespaces most of this project's files use; a file names only the rest.
global using PrimeTech.Ordering.Orders;
global using Xunit;
