using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace PrimeTech.Audit.Tests;

/// <summary>The database keeps the trail append-only: the trigger created by <c>migrate</c> refuses any rewrite.</summary>
[Collection(AuditCollection.Name)]
public sealed class AppendOnlyTests(AuditFixture app)
{
    [Theory]
    [InlineData("update audit.entries set action = 'rewritten', succeeded = true where id = $1")]
    [InlineData("delete from audit.entries where id = $1")]
    [InlineData("truncate audit.entries")]
    public async Task Update_delete_and_truncate_are_refused_and_the_entry_stays(string sql)
    {
        var admin = await app.SignInAdminAsync();
        var email = Accounts.NewEmail("kept");
        await app.ScenarioAndWaitAsync(s =>
        {
            s.Post.Json(new { email, password = "Guessing-password-1" }).ToUrl("/api/auth/login");
            s.StatusCodeShouldBe(401);
        });
        var before = Assert.Single(await app.EntriesForAsync(admin, email));

        await using var command = app.Host.Services.GetRequiredService<NpgsqlDataSource>().CreateCommand(sql);
        if (sql.Contains("$1")) command.Parameters.AddWithValue(before.Id);
        var refused = await Assert.ThrowsAsync<PostgresException>(() => command.ExecuteNonQueryAsync());

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Contains("append-only", refused.MessageText);
        Assert.Equal(before, Assert.Single(await app.EntriesForAsync(admin, email)));
    }
}
