// The namespaces most of this project's files use; a file names only the rest.
global using System.Text.Json;
global using Alba;
global using PrimeTech.Testing;
global using Xunit;
