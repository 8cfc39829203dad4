using Glasklar.Platform.Configuration;
using Microsoft.Extensions.Configuration;

namespace Glasklar.Platform.Persistence;

/// <summary>Resolved database settings: <c>Database:Provider</c> and <c>ConnectionStrings:Glasklar</c>.</summary>
public sealed record DatabaseOptions(DatabaseProvider Provider, string ConnectionString)
{
    public const string SqliteFileName = "glasklar.db";

    public static DatabaseOptions FromConfiguration(IConfiguration configuration, GlasklarOptions glasklar)
    {
        var providerText = configuration["Database:Provider"];
        var provider = DatabaseProvider.Sqlite;
        if (!string.IsNullOrWhiteSpace(providerText) && !Enum.TryParse(providerText, ignoreCase: true, out provider))
        {
            throw new InvalidOperationException(
                $"Database:Provider '{providerText}' ist unbekannt. Erlaubt sind 'Sqlite' und 'Postgres'.");
        }

        var connectionString = configuration.GetConnectionString("Glasklar");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            if (provider == DatabaseProvider.Postgres)
            {
                throw new InvalidOperationException(
                    "Für Database:Provider=Postgres muss ConnectionStrings:Glasklar gesetzt sein.");
            }

            // Shared cache off, foreign keys on; WAL is switched on by the migrator (it is a database property).
            connectionString = $"Data Source={Path.Combine(glasklar.FullDataDirectory, SqliteFileName)};Foreign Keys=True;Pooling=True";
        }

        return new DatabaseOptions(provider, connectionString);
    }
}
