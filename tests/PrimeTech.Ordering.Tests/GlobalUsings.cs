// The namespaces most of this project's files use; a file names only the rest.
global using PrimeTech.BuildingBlocks.Errors;
global using PrimeTech.Ordering.Orders;
global using PrimeTech.Testing;
global using Xunit;
