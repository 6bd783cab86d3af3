using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Alba;
using Ical.Net;
using Marten;
using PrimeTech.Booking.Admin;
using PrimeTech.BuildingBlocks.Time;
using Wolverine;

namespace PrimeTech.Booking.Tests;

/// <summary>Helpers shared by the booking tests: a calendar week of its own per test, API calls, emails.</summary>
public static partial class BookingApi
{
    // Weeks far in the future, one per test, handed out in order so the clock only moves forward
    // and no two tests compete for the company calendar's slots.
    private static readonly DateOnly FirstMonday = new(2031, 1, 6);
    private static int _weeks;

    /// <summary>A Monday no other test uses, with the clock set to 08:00 UK time that day.</summary>
    public static DateOnly StartOfOwnWeek(AppFixture app, TimeOnly? now = null)
    {
        var monday = FirstMonday.AddDays(7 * Interlocked.Increment(ref _weeks));
        app.Clock.SetUtcNow(London.ToUtc(monday, now ?? new TimeOnly(8, 0)));
        return monday;
    }

    public static DateTimeOffset At(DateOnly date, int hour, int minute = 0) => London.ToUtc(date, new TimeOnly(hour, minute));

    public static string Iso(DateTimeOffset utc) => utc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

    public static string NewEmail() => $"{Guid.NewGuid():N}@example.test";

    public static object Body(DateTimeOffset slot, string email, string service = "remote-support", string name = "Ada Lovelace") => new
    {
        serviceSlug = service,
        start = Iso(slot),
        name,
        email,
        phone = "01632 960 001",
        notes = "The printer in the office will not connect.",
    };

    public static async Task<(int Status, JsonElement Body)> PostAsync(AppFixture app, string url, object body)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Post.Json(body).ToUrl(url);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await ReadAsync(result));
    }

    public static async Task<(int Status, JsonElement Body)> GetAsync(AppFixture app, string url)
    {
        var result = await app.Host.Scenario(s =>
        {
            s.Get.Url(url);
            s.IgnoreStatusCode();
        });
        return (result.Context.Response.StatusCode, await ReadAsync(result));
    }

    private static async Task<JsonElement> ReadAsync(IScenarioResult result)
    {
        var text = await result.ReadAsTextAsync();
        return string.IsNullOrEmpty(text) ? default : JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Books as a guest and returns the reference (asserting 201).</summary>
    public static async Task<string> BookAsync(AppFixture app, DateTimeOffset slot, string email, string service = "remote-support")
    {
        var (status, body) = await PostAsync(app, "/api/bookings", Body(slot, email, service));
        if (status != (int)HttpStatusCode.Created)
            throw new InvalidOperationException($"Booking failed with {status}: {body}");
        return body.GetProperty("reference").GetString()!;
    }

    public static async Task<JsonElement> AvailabilityAsync(AppFixture app, string service, DateOnly date)
    {
        var (status, body) = await GetAsync(app, $"/api/bookings/availability?service={service}&date={date:yyyy-MM-dd}");
        if (status != 200) throw new InvalidOperationException($"Availability failed with {status}: {body}");
        return body;
    }

    public static IReadOnlyList<DateTimeOffset> SlotStarts(JsonElement availability) =>
        availability.GetProperty("slots").EnumerateArray().Select(s => s.GetProperty("start").GetDateTimeOffset()).ToList();

    /// <summary>An admin's status change, sent straight to the handler through the bus (no HTTP sign-in needed).</summary>
    public static async Task<AdminBookingView> ChangeStatusAsync(AppFixture app, string reference, string status,
        string? customerNote = null, string? internalNote = null)
    {
        using var scope = app.Host.Services.CreateScope();
        var bus = scope.ServiceProvider.GetRequiredService<IMessageBus>();
        return await bus.InvokeAsync<AdminBookingView>(
            new ChangeBookingStatus(reference, status, customerNote, internalNote, "Test Administrator", Guid.NewGuid()));
    }

    public static async Task<ServiceBooking?> LoadAsync(AppFixture app, string reference)
    {
        await using var session = app.Host.Services.GetRequiredService<IBookingStore>().QuerySession();
        return await session.Query<ServiceBooking>().SingleOrDefaultAsync(b => b.Reference == reference);
    }

    /// <summary>Waits for the email whose subject mentions the text, and parses its .ics back.</summary>
    public static async Task<(DeliveredEmail Email, Calendar Calendar, string Ics)> EmailWithCalendarAsync(AppFixture app, string to, string subjectContains)
    {
        var email = await app.Mail.WaitForAsync(to, m => m.Subject.Contains(subjectContains, StringComparison.Ordinal));
        var attachment = email.Attachments?.SingleOrDefault(a => a.GeneratedFileName.EndsWith(".ics", StringComparison.OrdinalIgnoreCase))
            ?? throw new InvalidOperationException($"The email '{email.Subject}' has no .ics attachment.");
        var ics = System.Text.Encoding.UTF8.GetString(await app.Mail.AttachmentAsync(email, attachment.GeneratedFileName));
        return (email, Calendar.Load(ics)!, ics);
    }

    /// <summary>The token of the tracking link in an email's text (asserting the HTML carries the same link).</summary>
    public static string TrackingTokenIn(DeliveredEmail email)
    {
        var found = TrackingLinkPattern().Match(email.Text ?? "");
        if (!found.Success) throw new InvalidOperationException($"No tracking link in the email '{email.Subject}'.");
        if (!(email.Html ?? "").Contains(found.Value, StringComparison.Ordinal))
            throw new InvalidOperationException($"The HTML of '{email.Subject}' lacks the text's tracking link.");
        return found.Groups[1].Value;
    }

    [GeneratedRegex(@"/bookings/track/([A-Za-z0-9_-]{43})(?![A-Za-z0-9_-])")]
    private static partial Regex TrackingLinkPattern();

    [GeneratedRegex("^BKG-[0-9]{8}-[0-9A-HJKMNP-TV-Z]{4}$")]
    public static partial Regex ReferencePattern();
}
