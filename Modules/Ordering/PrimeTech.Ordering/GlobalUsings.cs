// The namespaces most of this project's files use; a file names only the rest.
global using Carter;
global using Marten;
global using Microsoft.AspNetCore.Builder;
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Routing;
global using PrimeTech.BuildingBlocks.Errors;
global using PrimeTech.BuildingBlocks.Web;
global using Wolverine;
