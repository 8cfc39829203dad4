using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Claims.Persistence.Migrations;

/// <summary>Claim processing: status timeline events, document requests (tasks with reminders), portal messages (B1, B3, B4, B7).</summary>
[DbContext(typeof(ClaimsDbContext))]
[Migration("20261203100200_ClaimsProcessing")]
internal sealed class ClaimsProcessing : Migration
{
    private const string Claims = "claims_claims";
    private const string Events = "claims_events";
    private const string Requests = "claims_document_requests";
    private const string Messages = "claims_messages";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(ClaimsDbContext.Module);
        migrationBuilder.CreateTable(
            name: Events,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClaimId = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 30, nullable: false),
                AtUtc = table.Column<DateTime>(nullable: false),
                ActorUserId = table.Column<Guid>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{Events}", x => x.Id);
                table.ForeignKey($"FK_{Events}_{Claims}_ClaimId", x => x.ClaimId, Claims, "Id", schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Events}_ClaimId", Events, "ClaimId", schema);

        migrationBuilder.CreateTable(
            name: Requests,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClaimId = table.Column<Guid>(nullable: false),
                DescriptionProtected = table.Column<string>(nullable: false),
                DueDate = table.Column<DateOnly>(nullable: false),
                RequestedUtc = table.Column<DateTime>(nullable: false),
                RequestedByUserId = table.Column<Guid>(nullable: false),
                FulfilledUtc = table.Column<DateTime>(nullable: true),
                ReceiptId = table.Column<Guid>(nullable: true),
                ReminderBeforeUtc = table.Column<DateTime>(nullable: true),
                ReminderAfterUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{Requests}", x => x.Id);
                table.ForeignKey($"FK_{Requests}_{Claims}_ClaimId", x => x.ClaimId, Claims, "Id", schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Requests}_ClaimId", Requests, "ClaimId", schema);
        migrationBuilder.CreateIndex($"IX_{Requests}_FulfilledUtc_DueDate", Requests, ["FulfilledUtc", "DueDate"], schema);

        migrationBuilder.CreateTable(
            name: Messages,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClaimId = table.Column<Guid>(nullable: false),
                AuthorUserId = table.Column<Guid>(nullable: false),
                FromCustomer = table.Column<bool>(nullable: false),
                TextProtected = table.Column<string>(nullable: false),
                ReplyToId = table.Column<Guid>(nullable: true),
                SentUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{Messages}", x => x.Id);
                table.ForeignKey($"FK_{Messages}_{Claims}_ClaimId", x => x.ClaimId, Claims, "Id", schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Messages}_ClaimId", Messages, "ClaimId", schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(ClaimsDbContext.Module);
        foreach (var table in new[] { Messages, Requests, Events })
        {
            migrationBuilder.DropTable(name: table, schema: schema);
        }
    }
}
