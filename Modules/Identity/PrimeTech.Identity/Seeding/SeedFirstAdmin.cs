using Marten.Exceptions;
using Npgsql;
using PrimeTech.BuildingBlocks.Operations;
using PrimeTech.Identity.Auth;
using PrimeTech.Identity.Passwords;

namespace PrimeTech.Identity.Seeding;

/// <summary>
/// <c>seed</c>: creates the first admin (roles Customer + Admin, email verified). If the email
/// already has an account it only makes sure the account has the Admin role — never touching
/// the password. The only way an admin comes to exist without another admin.
/// </summary>
public sealed class SeedFirstAdmin(IIdentityStore store, PasswordHashing passwords, TimeProvider clock) : ISeedStep
{
    public int Order => 0;

    public async Task<IReadOnlyList<string>> RunAsync(SeedArguments arguments, CancellationToken ct)
    {
        var missing = new List<(string Key, string Option)>();
        if (string.IsNullOrWhiteSpace(arguments.AdminEmail)) missing.Add(("Seed:AdminEmail", "--admin-email"));
        if (string.IsNullOrEmpty(arguments.AdminPassword)) missing.Add(("Seed:AdminPassword", "--admin-password"));
        if (missing.Count > 0)
        {
            var keys = missing.Select(m => m.Key).ToList();
            throw new SeedArgumentMissingException(keys,
                $"the first admin needs {string.Join(" and ", keys)} ({(keys.Count == 1 ? "it is" : "they are")} missing). " +
                $"Set {(keys.Count == 1 ? "it" : "them")} in configuration (environment variable{(keys.Count == 1 ? "" : "s")} " +
                $"{string.Join(" and ", keys.Select(k => k.Replace(":", "__")))}) or pass {string.Join(" and ", missing.Select(m => m.Option))}.");
        }

        var command = new Register(arguments.AdminEmail, arguments.AdminName ?? "Administrator", arguments.AdminPassword);
        var problems = Register.Validator.Instance.Validate(command);
        if (!problems.IsValid)
            throw new ArgumentException("the admin account is not valid: " + string.Join("; ", problems.Errors.Select(e => $"{e.PropertyName}: {e.ErrorMessage}")));

        try
        {
            await using var session = store.LightweightSession();
            var email = EmailAddress.Normalise(arguments.AdminEmail);
            var existing = await session.Query<User>().FirstOrDefaultAsync(u => u.NormalizedEmail == email, ct);
            if (existing is not null)
            {
                if (existing.IsAdmin) return [$"admin: {existing.Email} already exists"];
                existing.Roles.Add(Roles.Admin);
                session.Store(existing);
                await session.SaveChangesAsync(ct);
                return [$"admin: {existing.Email} existed and now has the Admin role"];
            }

            var now = clock.GetUtcNow();
            var admin = User.Create(arguments.AdminEmail!, command.Name!, "", now);
            admin.PasswordHash = passwords.Hash(admin, arguments.AdminPassword!);
            admin.Roles = [Roles.Customer, Roles.Admin];
            admin.EmailVerifiedAt = now;
            session.Insert(admin);
            await session.SaveChangesAsync(ct);
            return [$"admin: created {admin.Email}"];
        }
        catch (MartenCommandException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UndefinedTable })
        {
            throw new InvalidOperationException("the identity schema does not exist. Run migrate first.");
        }
    }
}
