// The namespaces most of this project's files use; a file names only the rest.
global using System.Text.Json.Nodes;
global using Microsoft.Extensions.Options;
