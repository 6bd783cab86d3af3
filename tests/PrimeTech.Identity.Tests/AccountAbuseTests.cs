using System.Net;
using System.Net.Http.Json;
using Marten;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PrimeTech.Identity.Tokens;

namespace PrimeTech.Identity.Tests;

/// <summary>
/// Issue #11 item 6: a password change or reset leaves no older session alive (even one racing it),
/// reset emails are rationed per account, wrong current passwords count towards the lockout, and
/// an emailed secret is not kept anywhere once it has been sent.
/// </summary>
[Collection(IdentityCollection.Name)]
public sealed class AccountAbuseTests(IdentityFixture app)
{
    private readonly HttpClient _client = app.Host.Server.CreateClient();

    [Fact]
    public async Task A_session_opened_before_the_last_password_change_is_rejected()
    {
        var customer = await app.CreateCustomerAsync();
        await app.MeAsync(customer, 200);

        // The change is recorded after the session opened, without revoking it: the date alone must reject it.
        await using (var write = app.Host.Services.GetRequiredService<IIdentityStore>().LightweightSession())
        {
            var user = (await write.LoadAsync<User>(customer.Id))!;
            user.PasswordChangedAt = app.Clock.GetUtcNow().AddSeconds(1);
            write.Store(user);
            await write.SaveChangesAsync();
        }

        await app.MeAsync(customer, 401);
    }

    [Fact]
    public async Task Sign_ins_racing_a_password_reset_keep_no_session()
    {
        var customer = await app.CreateCustomerAsync();
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = customer.Email }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(202);
        });
        var token = await app.EmailedTokenAsync(customer.Email, "/reset-password");
        const string newPassword = "A-brand-new-password-93";

        var signIns = Enumerable.Range(0, 16)
            .Select(_ => _client.PostAsJsonAsync("/api/auth/login", new { email = customer.Email, password = customer.Password }))
            .ToList();
        var answers = await Task.WhenAll(signIns.Append(_client.PostAsJsonAsync("/api/auth/reset-password", new { token, newPassword })));
        var (signedIn, reset) = (answers[..^1], answers[^1]);

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        // A sign-in after the reset tries the old password: after five such failures the throttle
        // locks the email (423), which is as right an answer as the 401s before it.
        Assert.All(signedIn, r => Assert.Contains(r.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Locked }));
        var kept = signedIn.Where(r => r.StatusCode == HttpStatusCode.OK)
            .Select(r => Accounts.SessionTokenFrom(r.Headers.GetValues("Set-Cookie"))).ToList();
        foreach (var session in kept)
            await app.MeAsync(session, 401);
        // Five failures after the reset lock the email even when none of them was answered 423 yet.
        app.Clock.Advance(TimeSpan.FromMinutes(16));
        await app.SignInAsync(customer.Email, newPassword);
    }

    [Fact]
    public async Task Forgot_password_sends_one_email_a_minute_per_account_and_always_answers_the_same()
    {
        var customer = await app.CreateCustomerAsync();
        var burst = await Task.WhenAll(Enumerable.Range(0, 6)
            .Select(_ => _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = customer.Email })));
        var unknown = await _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = Accounts.NewEmail() });

        var bodies = await Task.WhenAll(burst.Append(unknown).Select(r => r.Content.ReadAsStringAsync()));
        Assert.All(burst.Append(unknown), r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(bodies.Distinct());
        Assert.Equal(1, await ResetTokensAsync(customer.Id));
        await app.Mail.WaitForAsync(customer.Email, m => m.Subject == "Reset your password");

        app.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await _client.PostAsJsonAsync("/api/auth/forgot-password", new { email = customer.Email });

        Assert.Equal(bodies[0], await later.Content.ReadAsStringAsync());
        Assert.Equal(2, await ResetTokensAsync(customer.Id));
        await Eventually.TrueAsync(async () => (await app.Mail.ForAsync(customer.Email)).Count(m => m.Subject == "Reset your password") == 2,
            "the second reset email");
        Assert.Equal(2, (await app.Mail.ForAsync(customer.Email)).Count(m => m.Subject == "Reset your password"));
    }

    [Fact]
    public async Task Wrong_current_passwords_on_change_count_towards_the_sign_in_lockout()
    {
        var customer = await app.CreateCustomerAsync();
        var statuses = new List<int>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 6; i++)
        {
            using var change = new HttpRequestMessage(HttpMethod.Post, "/api/auth/change-password")
            {
                Content = JsonContent.Create(new { currentPassword = "Not-my-password-" + i, newPassword = "Another-long-password-77" }),
            };
            change.Headers.Add("Cookie", customer.Cookie);
            last = await _client.SendAsync(change);
            statuses.Add((int)last.StatusCode);
        }

        Assert.Equal([400, 400, 400, 400, 400, 423], statuses);
        Assert.True(last!.Headers.RetryAfter is not null);
        await app.LoginAsync(customer.Email, customer.Password, 423);
    }

    [Fact]
    public async Task No_emailed_secret_is_kept_in_the_database_once_sent()
    {
        var customer = await app.CreateCustomerAsync();
        var verification = Accounts.TokenIn(await app.Mail.WaitForAsync(customer.Email, m => m.Subject == "Verify your email address"), "/verify-email");
        await app.Host.Scenario(s =>
        {
            s.Post.Json(new { email = customer.Email }).ToUrl("/api/auth/forgot-password");
            s.StatusCodeShouldBe(202);
        });
        var reset = await app.EmailedTokenAsync(customer.Email, "/reset-password");

        foreach (var secret in new[] { verification, reset })
            Assert.Empty(await PlacesHoldingAsync(secret));
    }

    /// <summary>Reset tokens issued to the user: a pending token and the emailed one drawn for it count once.</summary>
    private async Task<int> ResetTokensAsync(Guid userId)
    {
        await using var query = app.Host.Services.GetRequiredService<IIdentityStore>().QuerySession();
        var tokens = await query.Query<EmailToken>().Where(t => t.UserId == userId && t.Purpose == EmailTokenPurpose.ResetPassword).ToListAsync();
        return tokens.Select(t => t.DeliveryOf ?? t.Id).Distinct().Count();
    }

    /// <summary>Every table of the app's database (Wolverine's envelopes and dead letters included) whose rows contain the text.</summary>
    private async Task<List<string>> PlacesHoldingAsync(string secret)
    {
        await using var connection = new NpgsqlConnection(TestServices.ConnectionString(app.DatabaseName));
        await connection.OpenAsync();
        var tables = new List<(string Schema, string Table, string[] ByteColumns)>();
        await using (var list = new NpgsqlCommand("""
            select t.table_schema, t.table_name,
                   coalesce(array_agg(c.column_name::text) filter (where c.data_type = 'bytea'), '{}')
            from information_schema.tables t
            join information_schema.columns c on c.table_schema = t.table_schema and c.table_name = t.table_name
            where t.table_type = 'BASE TABLE' and t.table_schema not in ('pg_catalog', 'information_schema')
            group by t.table_schema, t.table_name
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                tables.Add((reader.GetString(0), reader.GetString(1), reader.GetFieldValue<string[]>(2)));

        var holding = new List<string>();
        foreach (var (schema, table, byteColumns) in tables)
        {
            var inBytes = string.Concat(byteColumns.Select(c => $" or position(convert_to(@secret, 'UTF8') in coalesce(t.\"{c}\", ''::bytea)) > 0"));
            await using var search = new NpgsqlCommand(
                $"select count(*) from \"{schema}\".\"{table}\" t where strpos(t::text, @secret) > 0{inBytes}", connection);
            search.Parameters.AddWithValue("secret", secret);
            if ((long)(await search.ExecuteScalarAsync())! > 0) holding.Add($"{schema}.{table}");
        }
        Assert.NotEmpty(tables);
        return holding;
    }
}
