using Glasklar.Platform.Persistence;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Glasklar.Platform.Health;

/// <summary>Ready means: the database answers a query.</summary>
internal sealed class DatabaseHealthCheck(DatabaseOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var connection = DbSession.Create(options);
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT 1";
            await command.ExecuteScalarAsync(cancellationToken);
            return HealthCheckResult.Healthy($"Datenbank ({options.Provider}) erreichbar");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"Datenbank ({options.Provider}) nicht erreichbar");
        }
    }
}
