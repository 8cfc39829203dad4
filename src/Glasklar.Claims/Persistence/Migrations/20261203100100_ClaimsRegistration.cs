using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Claims.Persistence.Migrations;

/// <summary>Customer registration (B6): hashed security answers; failed contract-link attempts for the rate limit.</summary>
[DbContext(typeof(ClaimsDbContext))]
[Migration("20261203100100_ClaimsRegistration")]
internal sealed class ClaimsRegistration : Migration
{
    private const string Answers = "claims_security_answers";
    private const string Attempts = "claims_link_attempts";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(ClaimsDbContext.Module);
        migrationBuilder.CreateTable(
            name: Answers,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                Question = table.Column<string>(maxLength: 200, nullable: false),
                AnswerHash = table.Column<string>(maxLength: 200, nullable: false),
                CreatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Answers}", x => x.Id));
        migrationBuilder.CreateIndex($"IX_{Answers}_UserId_Position", Answers, ["UserId", "Position"], schema, unique: true);

        migrationBuilder.CreateTable(
            name: Attempts,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                UserId = table.Column<Guid>(nullable: false),
                AttemptedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Attempts}", x => x.Id));
        migrationBuilder.CreateIndex($"IX_{Attempts}_UserId_AttemptedUtc", Attempts, ["UserId", "AttemptedUtc"], schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(ClaimsDbContext.Module);
        migrationBuilder.DropTable(name: Attempts, schema: schema);
        migrationBuilder.DropTable(name: Answers, schema: schema);
    }
}
