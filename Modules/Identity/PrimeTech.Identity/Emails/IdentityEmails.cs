using System.Net;
using System.Text;
using PrimeTech.BuildingBlocks.Email;
using PrimeTech.BuildingBlocks.Time;

namespace PrimeTech.Identity.Emails;

/// <summary>The account emails (CODEX_HANDOFF §11): plain text and HTML with the same content and absolute links.</summary>
public static class IdentityEmails
{
    public static OutgoingEmail VerifyEmail(User user, string token, SiteOptions site) => Compose(
        user, "Verify your email address",
        [
            "Thank you for creating a Prime Tech Services account.",
            "Confirm that this is your email address to check out and book services. The link expires in 24 hours.",
        ],
        ("Verify your email address", site.Absolute("/verify-email?token=" + token)),
        ["If you did not create an account, you can ignore this email."]);

    public static OutgoingEmail AlreadyRegistered(User user, SiteOptions site) => Compose(
        user, "You already have a Prime Tech Services account",
        [
            "Someone, probably you, tried to create a Prime Tech Services account with this email address. You already have an account, so nothing has changed.",
            $"Sign in at {site.Absolute("/login")}.",
        ],
        ("Reset your password", site.Absolute("/forgot-password")),
        ["If you have forgotten your password, use the link above to choose a new one. If this was not you, you can ignore this email."]);

    public static OutgoingEmail ResetPassword(User user, string token, SiteOptions site) => Compose(
        user, "Reset your password",
        ["We received a request to reset the password of your Prime Tech Services account. The link expires in 1 hour."],
        ("Choose a new password", site.Absolute("/reset-password?token=" + token)),
        ["If you did not ask to reset your password, ignore this email: your password will not change."]);

    public static OutgoingEmail PasswordChanged(User user, DateTimeOffset at, SiteOptions site) => Compose(
        user, "Your password was changed",
        [
            $"The password of your Prime Tech Services account was changed on {London.Format(at, "d MMMM yyyy, HH:mm")} (UK time).",
            "You have been signed out on your other devices.",
        ],
        ("Reset your password", site.Absolute("/forgot-password")),
        ["If this was not you, reset your password now with the link above and contact us."]);

    private static OutgoingEmail Compose(User user, string subject, string[] before, (string Text, string Url) link, string[] after)
    {
        var text = new StringBuilder()
            .Append("Hello ").Append(user.Name).Append(",\n\n");
        foreach (var line in before) text.Append(line).Append("\n\n");
        text.Append(link.Text).Append(":\n").Append(link.Url).Append("\n\n");
        foreach (var line in after) text.Append(line).Append("\n\n");
        text.Append("Prime Tech Services\n");

        var html = new StringBuilder()
            .Append("<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>")
            .Append(Encode(subject)).Append("</title></head><body style=\"font-family:Arial,sans-serif;color:#1b2430\">")
            .Append("<p>Hello ").Append(Encode(user.Name)).Append(",</p>");
        foreach (var line in before) html.Append("<p>").Append(Encode(line)).Append("</p>");
        html.Append("<p><a href=\"").Append(Encode(link.Url)).Append("\">").Append(Encode(link.Text)).Append("</a></p>")
            .Append("<p>If the link does not work, copy this address into your browser:<br>").Append(Encode(link.Url)).Append("</p>");
        foreach (var line in after) html.Append("<p>").Append(Encode(line)).Append("</p>");
        html.Append("<p>Prime Tech Services</p></body></html>");

        return new OutgoingEmail(user.Email, subject, text.ToString(), html.ToString());
    }

    private static string Encode(string value) => WebUtility.HtmlEncode(value);
}
