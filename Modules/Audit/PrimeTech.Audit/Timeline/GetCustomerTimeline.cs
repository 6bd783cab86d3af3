using PrimeTech.Audit.Contracts;
using PrimeTech.BuildingBlocks.Timeline;

namespace PrimeTech.Audit.Timeline;

/// <summary>The customer's sign-ins and other security events from the audit trail, newest first.</summary>
public static class GetCustomerTimelineHandler
{
    public static async Task<CustomerTimeline> Handle(GetCustomerTimeline query, AuditLog log, CancellationToken ct)
    {
        var events = await log.SecurityEventsOfAsync(query.CustomerId, query.Limit + 1, ct);
        return CustomerTimeline.Newest(events.Select(e => new TimelineEntry(
            e.At, e.Action is SecurityActions.SignIn or SecurityActions.TwoFactorSignIn ? TimelineKinds.SignIn : TimelineKinds.Security,
            Title(e), $"{(e.Succeeded ? "Succeeded" : "Failed: " + (e.Reason ?? e.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)))}" +
                      (e.IpAddress is null ? "" : $" · from {e.IpAddress}"),
            null, $"/admin/audit?actor={query.CustomerId}&action={Uri.EscapeDataString(e.Action)}")), query.Limit);
    }

    private static string Title(AuditEntry entry) => entry.Action switch
    {
        SecurityActions.SignIn => "Signed in with a password",
        SecurityActions.TwoFactorSignIn => "Signed in with a two-factor code",
        SecurityActions.PasswordChange => "Changed the password",
        SecurityActions.PasswordReset => "Reset the password",
        SecurityActions.TwoFactorEnrol => "Turned two-factor sign-in on",
        SecurityActions.TwoFactorDisable => "Turned two-factor sign-in off",
        _ => entry.Action,
    };
}
