using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Platform.Persistence;

/// <summary>
/// Helpers for the hand-written migrations (the EF design-time tools are not available, see ADR 0002).
/// They keep one migration provider-neutral: schemas exist only on PostgreSQL.
/// </summary>
public static class ModuleMigrations
{
    public static bool IsPostgres(this MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider?.Contains("Npgsql", StringComparison.Ordinal) == true;

    /// <summary>The module's schema on PostgreSQL; null on SQLite, which has no schemas.</summary>
    public static string? SchemaFor(this MigrationBuilder migrationBuilder, string module) =>
        migrationBuilder.IsPostgres() ? module : null;

    /// <summary>Ensures the module schema exists (PostgreSQL only) and returns it for the operations that follow.</summary>
    public static string? EnsureModuleSchema(this MigrationBuilder migrationBuilder, string module)
    {
        var schema = migrationBuilder.SchemaFor(module);
        if (schema is not null)
        {
            migrationBuilder.EnsureSchema(schema);
        }

        return schema;
    }
}
