// The namespaces most of this project's files use; a file names only the rest.
global using System.Net;
global using System.Net.Http.Json;
global using System.Text.RegularExpressions;
global using PrimeTech.Testing;
global using Xunit;
