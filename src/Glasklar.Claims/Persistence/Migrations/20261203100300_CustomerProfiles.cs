using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Claims.Persistence.Migrations;

/// <summary>The customer's profile with the encrypted bank account that prefills the claim wizard.</summary>
[DbContext(typeof(ClaimsDbContext))]
[Migration("20261203100300_CustomerProfiles")]
internal sealed class CustomerProfiles : Migration
{
    private const string Profiles = "claims_customer_profiles";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(ClaimsDbContext.Module);
        migrationBuilder.CreateTable(
            name: Profiles,
            schema: schema,
            columns: table => new
            {
                CustomerUserId = table.Column<Guid>(nullable: false),
                BankProtected = table.Column<string>(nullable: true),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Profiles}", x => x.CustomerUserId));
    }

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropTable(name: Profiles, schema: migrationBuilder.SchemaFor(ClaimsDbContext.Module));
}
