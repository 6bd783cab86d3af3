using PrimeTech.Booking.Services;
using PrimeTech.BuildingBlocks.Errors;
using Wolverine;
using static PrimeTech.Booking.Tests.BookingApi;

namespace PrimeTech.Booking.Tests;

[Collection(BookingCollection.Name)]
public sealed class ServicesTests(BookingFixture app)
{
    private async Task<AdminServiceView> SaveAsync(Guid? id, ServiceFields fields)
    {
        using var scope = app.Host.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<IMessageBus>().InvokeAsync<AdminServiceView>(new SaveService(id, fields));
    }

    [Fact]
    public async Task The_seeded_services_are_listed_and_seeding_again_changes_nothing()
    {
        var again = await app.RunHostCommandAsync("seed");
        Assert.Equal(0, again.ExitCode);
        Assert.Contains("Service 'remote-support' already exists.", again.Output);

        var (status, body) = await GetAsync(app, "/api/services");
        Assert.Equal(200, status);
        var services = body.GetProperty("items").EnumerateArray().ToDictionary(s => s.GetProperty("slug").GetString()!, s => s.GetProperty("durationMinutes").GetInt32());
        Assert.Equal(60, services["remote-support"]);
        Assert.Equal(120, services["on-site-set-up"]);
        Assert.Equal(30, services["consultation"]);
    }

    [Fact]
    public async Task An_admin_creates_edits_and_deactivates_a_service()
    {
        var monday = StartOfOwnWeek(app);
        var slug = "audit-" + Guid.NewGuid().ToString("N")[..8];
        var created = await SaveAsync(null, new ServiceFields(slug, "Security audit", "A review of your set-up.", 240, true));

        Assert.Equal(new[] { At(monday, 9), At(monday, 13) }, SlotStarts(await AvailabilityAsync(app, slug, monday)));

        var edited = await SaveAsync(created.Id, new ServiceFields(slug, "Security review", "A review.", 90, true));
        Assert.Equal("Security review", edited.Name);
        // 90-minute slots: 09:00, 10:30, 12:00, 13:30, 15:00 (the last ends 16:30).
        Assert.Equal(5, SlotStarts(await AvailabilityAsync(app, slug, monday)).Count);

        await SaveAsync(created.Id, new ServiceFields(slug, "Security review", "A review.", 90, false));
        var (status, body) = await GetAsync(app, "/api/services");
        Assert.DoesNotContain(body.GetProperty("items").EnumerateArray(), s => s.GetProperty("slug").GetString() == slug);
        (status, _) = await GetAsync(app, $"/api/bookings/availability?service={slug}&date={monday:yyyy-MM-dd}");
        Assert.Equal(404, status);
        var (bookStatus, bookBody) = await PostAsync(app, "/api/bookings", Body(At(monday, 9), NewEmail(), slug));
        Assert.Equal(400, bookStatus);
        Assert.True(bookBody.GetProperty("errors").TryGetProperty("serviceSlug", out _));
    }

    [Theory]
    [InlineData("Bad Slug", "Name", 60, "slug")]
    [InlineData("ok-slug", "", 60, "name")]
    [InlineData("ok-slug", "Name", 10, "durationMinutes")]
    [InlineData("ok-slug", "Name", 500, "durationMinutes")]
    [InlineData("ok-slug", "Name", 50, "durationMinutes")]
    [InlineData("ok-slug", "Name", 15, "durationMinutes")]
    public async Task Invalid_service_fields_are_field_errors(string slug, string name, int duration, string field)
    {
        var error = await Assert.ThrowsAsync<DomainException>(() => SaveAsync(null, new ServiceFields(slug, name, "A description.", duration, true)));
        Assert.Equal("VALIDATION_FAILED", error.Error.Code);
        Assert.True(error.Errors.ContainsKey(field), string.Join(",", error.Errors.Keys));
    }

    [Fact]
    public async Task Slugs_are_unique()
    {
        var error = await Assert.ThrowsAsync<DomainException>(() =>
            SaveAsync(null, new ServiceFields("remote-support", "Another", "Another service.", 60, true)));
        Assert.Equal("DUPLICATE_VALUE", error.Error.Code);
        Assert.Equal(409, error.Error.Status);
        Assert.True(error.Errors.ContainsKey("slug"));
    }
}
