using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Platform.Persistence.Migrations;

/// <summary>
/// Account tokens get their creation time (to space out repeated mails) and, for an e-mail change, the new
/// address. No code wrote tokens before this migration, so the empty table is rebuilt instead of altered
/// (SQLite cannot add a NOT NULL column without a default).
/// </summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261203000001_AccountTokenDetails")]
internal sealed class AccountTokenDetails : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(PlatformDbContext.Module);
        migrationBuilder.DropTable("platform_account_tokens", schema);
        migrationBuilder.CreateTable(
            name: "platform_account_tokens",
            schema: schema,
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                UserId = t.Column<Guid>(nullable: false),
                Purpose = t.Column<string>(maxLength: 30, nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
                ExpiresUtc = t.Column<DateTime>(nullable: false),
                UsedUtc = t.Column<DateTime>(nullable: true),
                NewEmail = t.Column<string>(maxLength: 254, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_account_tokens", x => x.Id);
                t.ForeignKey("FK_platform_account_tokens_platform_users_UserId", x => x.UserId,
                    principalSchema: schema, principalTable: "platform_users", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_platform_account_tokens_UserId", "platform_account_tokens", "UserId", schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(PlatformDbContext.Module);
        migrationBuilder.DropColumn("NewEmail", "platform_account_tokens", schema);
        migrationBuilder.DropColumn("CreatedUtc", "platform_account_tokens", schema);
    }
}
