using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Contracts;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Telematics.Persistence.Migrations;

/// <summary>
/// The contract's IBAN is stored Data-Protection encrypted from now on (ADR 0021): the column is renamed to
/// say so and widened for the ciphertext (PostgreSQL; SQLite text has no length). No code wrote an IBAN
/// before this migration (contracts were created without one), so there is nothing to re-encrypt.
/// </summary>
[DbContext(typeof(TelematicsDbContext))]
[Migration("20261203100400_TelematicsIbanProtected")]
internal sealed class TelematicsIbanProtected : Migration
{
    private const string Contracts = "telematics_contracts";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(TelematicsDbContext.Module);
        migrationBuilder.RenameColumn("Iban", Contracts, "IbanProtected", schema);
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.AlterColumn<string>("IbanProtected", Contracts, maxLength: TelematicsContract.ProtectedMaxLength, nullable: false, schema: schema, oldMaxLength: 40, oldNullable: false);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(TelematicsDbContext.Module);
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.AlterColumn<string>("IbanProtected", Contracts, maxLength: 40, nullable: false, schema: schema, oldMaxLength: TelematicsContract.ProtectedMaxLength, oldNullable: false);
        }

        migrationBuilder.RenameColumn("IbanProtected", Contracts, "Iban", schema);
    }
}
