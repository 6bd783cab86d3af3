// The namespaces most of this project's files use; a file names only the rest.
global using System.Diagnostics;
global using System.Globalization;
global using System.Text;
global using System.Text.Json;
global using PrimeTech.Testing;
