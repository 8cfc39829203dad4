using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Platform.Persistence.Migrations;

[DbContext(typeof(PlatformDbContext))]
[Migration("20261122000001_Organisations")]
internal sealed class Organisations : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(PlatformDbContext.Module);
        migrationBuilder.CreateTable(
            name: "platform_organisations",
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Name = table.Column<string>(maxLength: 200, nullable: false),
                Kind = table.Column<string>(maxLength: 40, nullable: false),
                IsActive = table.Column<bool>(nullable: false),
                CreatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey("PK_platform_organisations", x => x.Id));

        migrationBuilder.CreateIndex(
            name: "IX_platform_organisations_Kind",
            schema: schema,
            table: "platform_organisations",
            column: "Kind");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.DropTable(name: "platform_organisations", schema: migrationBuilder.SchemaFor(PlatformDbContext.Module));
    }
}
