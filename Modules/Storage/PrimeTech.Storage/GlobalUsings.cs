// The namespaces most of this project's files use; a file names only the rest.
global using Marten;
global using Microsoft.Extensions.Options;
global using PrimeTech.BuildingBlocks.Errors;
global using PrimeTech.Storage.Contracts;
global using Wolverine;
