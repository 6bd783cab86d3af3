// The namespaces most of this project's files use; a file names only the rest.
global using System.Text.RegularExpressions;
global using Microsoft.Playwright;
global using PrimeTech.Testing;
global using Xunit;
