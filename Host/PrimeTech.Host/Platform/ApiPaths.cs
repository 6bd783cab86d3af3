namespace PrimeTech.Host.Platform;

public static class ApiPaths
{
    public static bool IsApi(HttpRequest request) => request.Path.StartsWithSegments("/api");
}
