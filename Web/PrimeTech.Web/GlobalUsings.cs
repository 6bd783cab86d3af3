// The namespaces most of this project's files use; a file names only the rest.
global using Microsoft.AspNetCore.Http;
global using Microsoft.AspNetCore.Mvc;
global using Microsoft.AspNetCore.Mvc.RazorPages;
global using Microsoft.AspNetCore.RateLimiting;
global using PrimeTech.BuildingBlocks.Errors;
global using PrimeTech.BuildingBlocks.Web;
global using Wolverine;
