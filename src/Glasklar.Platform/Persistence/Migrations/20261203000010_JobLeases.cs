using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Platform.Persistence.Migrations;

/// <summary>Leases of background jobs, so the daily retention run happens on exactly one node.</summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261203000010_JobLeases")]
internal sealed class JobLeases : Migration
{
    private const string Table = "platform_job_leases";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(PlatformDbContext.Module);
        migrationBuilder.CreateTable(
            name: Table,
            schema: schema,
            columns: table => new
            {
                Name = table.Column<string>(maxLength: 100, nullable: false),
                Holder = table.Column<string>(maxLength: 200, nullable: false),
                ExpiresUnixMs = table.Column<long>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Table}", x => x.Name));
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: Table, schema: migrationBuilder.SchemaFor(PlatformDbContext.Module));
}
