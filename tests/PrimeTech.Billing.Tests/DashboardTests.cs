namespace PrimeTech.Billing.Tests;

/// <summary>The admin dashboard: today's figures and the 30-day revenue chart, server-rendered.</summary>
[Collection(PaymentsCollection.Name)]
public sealed class DashboardTests(PaymentsFixture app)
{
    [Fact]
    public async Task The_dashboard_shows_todays_figures_and_revenue_for_30_days_as_an_accessible_chart_and_table()
    {
        await app.Payments.PayAsync(await app.Payments.CheckoutAsync());
        var page = await PageVisitor.For(app, await app.SignInAdminAsync()).GetAsync("/admin");

        Assert.Contains("<h1>Dashboard</h1>", page.Html);
        foreach (var label in new[] { "Orders placed", "Orders paid", "Revenue (gross receipts)", "Bookings requested", "Bookings scheduled today", "New users" })
            Assert.Contains(label, page.Html);
        Assert.Contains("role=\"img\"", page.Html);
        Assert.Contains("aria-label=\"Revenue per day for the last 30 days\"", page.Html);
        Assert.Equal(30, System.Text.RegularExpressions.Regex.Count(page.Html, "<rect class=\"bar\""));
        Assert.Contains("<summary>Show the data</summary>", page.Html);
        Assert.Contains("<th scope=\"col\" class=\"num\">Refunded</th>", page.Html);
        Assert.DoesNotContain("style=", page.Html);
        Assert.DoesNotContain("<script>", page.Html);
    }

    [Fact]
    public async Task The_dashboard_is_for_admins_only()
    {
        await PageVisitor.For(app, await app.CreateCustomerAsync()).GetAsync("/admin", 403);
        var anonymous = await PageVisitor.For(app).GetAsync("/admin", 302);
        Assert.StartsWith("/login?returnUrl=%2Fadmin", anonymous.Location);
    }
}
