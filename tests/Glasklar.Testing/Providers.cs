using Xunit;

namespace Glasklar.Testing;

/// <summary>
/// Integration tests run once per database provider: a test class derives from a provider-generic
/// base and a sealed class per provider fixes it. PostgreSQL runs when GLASKLAR_TEST_POSTGRES is set
/// (CI always sets it) and is reported as skipped otherwise.
/// </summary>
public static class Providers
{
    public const string Sqlite = "Sqlite";
    public const string Postgres = "Postgres";

    public static async Task<TestDatabase> CreateDatabaseAsync(string provider)
    {
        SkipUnlessAvailable(provider);
        return await TestDatabase.CreateAsync(provider);
    }

    public static void SkipUnlessAvailable(string provider) =>
        Assert.SkipWhen(provider == Postgres && !TestDatabase.PostgresAvailable,
            $"PostgreSQL-Lauf übersprungen: {TestDatabase.PostgresVariable} ist nicht gesetzt.");
}
