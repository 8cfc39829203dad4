using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Referrals.Persistence.Migrations;

/// <summary>
/// Free text is stored encrypted (FreeTextEncryption): the ciphertext is longer than the typed limit, so the
/// columns lose their length cap. SQLite ignores declared lengths, so only PostgreSQL needs the change.
/// </summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261203100600_FreeTextEncrypted")]
internal sealed class FreeTextEncrypted : Migration
{
    private static readonly (string Table, string Column, int OldLength, bool Nullable)[] Columns =
    [
        ("referrals_referrals", "AdditionalInfo", 500, true),
        ("referrals_referrals", "Remarks", 300, true),
        ("referrals_tickets", "Subject", 120, false),
        ("referrals_messages", "Body", 2000, false),
    ];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsPostgres())
        {
            return;
        }

        var schema = migrationBuilder.SchemaFor(ReferralsDbContext.Module);
        foreach (var (table, column, oldLength, nullable) in Columns)
        {
            migrationBuilder.AlterColumn<string>(column, table, schema: schema, nullable: nullable, oldMaxLength: oldLength, oldNullable: nullable);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        if (!migrationBuilder.IsPostgres())
        {
            return;
        }

        var schema = migrationBuilder.SchemaFor(ReferralsDbContext.Module);
        foreach (var (table, column, oldLength, nullable) in Columns)
        {
            migrationBuilder.AlterColumn<string>(column, table, schema: schema, maxLength: oldLength, nullable: nullable, oldNullable: nullable);
        }
    }
}
