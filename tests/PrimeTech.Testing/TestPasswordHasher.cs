using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using PrimeTech.Identity.Users;

namespace PrimeTech.Testing;

/// <summary>
/// Test hosts hash passwords at a low PBKDF2 cost: at the production 210,000 iterations one hash
/// costs about 0.2 s of CPU here, and hashing was most of the Identity suite's time. A test that
/// checks the production cost or its upgrade sets <see cref="Setting"/> to
/// <see cref="Production"/> (<see cref="AppFixture.Override"/>); the module's own options then apply.
/// </summary>
public sealed class TestPasswordHasher(IOptions<PasswordHasherOptions> production, IConfiguration configuration) : IPasswordHasher<User>
{
    public const string Setting = "Testing:PasswordCost";
    public const string Production = "Production";
    public const int Iterations = 1_000;

    /// <summary>Puts this hasher in place of the module's, in every app the fixture composes.</summary>
    public static void Replace(IServiceCollection services) => services.AddSingleton<IPasswordHasher<User>, TestPasswordHasher>();

    private readonly PasswordHasher<User> _production = new(production);
    private readonly PasswordHasher<User> _cheap = new(Options.Create(new PasswordHasherOptions
    {
        CompatibilityMode = production.Value.CompatibilityMode,
        IterationCount = Iterations,
    }));

    private PasswordHasher<User> Current => configuration[Setting] == Production ? _production : _cheap;

    public string HashPassword(User user, string password) => Current.HashPassword(user, password);

    public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword) =>
        Current.VerifyHashedPassword(user, hashedPassword, providedPassword);
}
