namespace PrimeTech.Web.Pages.Services;

public static class Durations
{
    /// <summary>"30 minutes", "1 hour", "1 hour 30 minutes", "2 hours".</summary>
    public static string Text(int minutes)
    {
        var hours = minutes / 60;
        var rest = minutes % 60;
        var h = hours switch { 0 => "", 1 => "1 hour", _ => $"{hours} hours" };
        var m = rest == 0 ? "" : $"{rest} minutes";
        return string.Join(" ", new[] { h, m }.Where(s => s.Length > 0));
    }
}
