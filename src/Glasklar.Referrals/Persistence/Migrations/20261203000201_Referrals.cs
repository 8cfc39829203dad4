using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Referrals.Persistence.Migrations;

/// <summary>Referrals, damage photos, Postkorb and the anonymous commission counts (hand-written, ADR 0002).</summary>
[DbContext(typeof(ReferralsDbContext))]
[Migration("20261203000201_Referrals")]
internal sealed class Referrals : Migration
{
    private const string ReferralsTable = "referrals_referrals";
    private const string Photos = "referrals_photos";
    private const string Tickets = "referrals_tickets";
    private const string Messages = "referrals_messages";
    private const string Tallies = "referrals_commission_tallies";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(ReferralsDbContext.Module);
        migrationBuilder.CreateTable(
            name: ReferralsTable,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                AgentUserId = t.Column<Guid>(nullable: false),
                Mode = t.Column<string>(maxLength: 20, nullable: false),
                ServiceNumber = t.Column<string>(maxLength: 40, nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
                Status = t.Column<string>(maxLength: 30, nullable: false),
                StatusChangedUtc = t.Column<DateTime>(nullable: false),
                CompletedUtc = t.Column<DateTime>(nullable: true),
                Restricted = t.Column<bool>(nullable: false),
                Surname = t.Column<string>(maxLength: 100, nullable: false),
                Phone = t.Column<string>(maxLength: 20, nullable: false),
                LicencePlate = t.Column<string>(maxLength: 12, nullable: false),
                PolicyNumber = t.Column<string>(maxLength: 35, nullable: false),
                ConsentTextVersion = t.Column<string>(maxLength: 50, nullable: true),
                Salutation = t.Column<string>(maxLength: 20, nullable: true),
                FirstName = t.Column<string>(maxLength: 100, nullable: true),
                Email = t.Column<string>(maxLength: 254, nullable: true),
                Phone2 = t.Column<string>(maxLength: 20, nullable: true),
                Street = t.Column<string>(maxLength: 100, nullable: true),
                PostalCode = t.Column<string>(maxLength: 5, nullable: true),
                City = t.Column<string>(maxLength: 100, nullable: true),
                VehicleMake = t.Column<string>(maxLength: 100, nullable: true),
                VehicleModel = t.Column<string>(maxLength: 100, nullable: true),
                Insurer = t.Column<string>(maxLength: 100, nullable: true),
                Deductible = t.Column<int>(nullable: true),
                DamageDate = t.Column<DateOnly>(nullable: true),
                DamageType = t.Column<string>(maxLength: 30, nullable: true),
                GlassPosition = t.Column<string>(maxLength: 30, nullable: true),
                ContactTime = t.Column<string>(maxLength: 30, nullable: true),
                RepairLocation = t.Column<string>(maxLength: 30, nullable: true),
                PreferredBranch = t.Column<string>(maxLength: 100, nullable: true),
                AdditionalInfo = t.Column<string>(maxLength: 500, nullable: true),
                Remarks = t.Column<string>(maxLength: 300, nullable: true),
            },
            constraints: t => t.PrimaryKey($"PK_{ReferralsTable}", x => x.Id));
        migrationBuilder.CreateIndex($"IX_{ReferralsTable}_OrganisationId_CreatedUtc", ReferralsTable, ["OrganisationId", "CreatedUtc"], schema);
        migrationBuilder.CreateIndex($"IX_{ReferralsTable}_CreatedUtc", ReferralsTable, "CreatedUtc", schema);
        migrationBuilder.CreateIndex($"IX_{ReferralsTable}_Surname", ReferralsTable, "Surname", schema);

        migrationBuilder.CreateTable(
            name: Photos,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ReferralId = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                UploadedByUserId = t.Column<Guid>(nullable: false),
                UploadedByOrganisationId = t.Column<Guid>(nullable: false),
                UploadedUtc = t.Column<DateTime>(nullable: false),
                ContentType = t.Column<string>(maxLength: 40, nullable: false),
                StorageName = t.Column<string>(maxLength: 60, nullable: false),
                Width = t.Column<int>(nullable: false),
                Height = t.Column<int>(nullable: false),
                SizeBytes = t.Column<long>(nullable: false),
                RemovedMetadata = t.Column<string>(maxLength: 500, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{Photos}", x => x.Id);
                t.ForeignKey($"FK_{Photos}_{ReferralsTable}_ReferralId", x => x.ReferralId,
                    principalSchema: schema, principalTable: ReferralsTable, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Photos}_ReferralId", Photos, "ReferralId", schema);

        migrationBuilder.CreateTable(
            name: Tickets,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                ReferralId = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Subject = t.Column<string>(maxLength: 120, nullable: false),
                State = t.Column<string>(maxLength: 20, nullable: false),
                CreatedByUserId = t.Column<Guid>(nullable: false),
                CreatedByOrganisationId = t.Column<Guid>(nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
                UpdatedUtc = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{Tickets}", x => x.Id);
                t.ForeignKey($"FK_{Tickets}_{ReferralsTable}_ReferralId", x => x.ReferralId,
                    principalSchema: schema, principalTable: ReferralsTable, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Tickets}_ReferralId", Tickets, "ReferralId", schema);

        migrationBuilder.CreateTable(
            name: Messages,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                TicketId = t.Column<Guid>(nullable: false),
                Body = t.Column<string>(maxLength: 2000, nullable: false),
                AuthorUserId = t.Column<Guid>(nullable: false),
                AuthorOrganisationId = t.Column<Guid>(nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{Messages}", x => x.Id);
                t.ForeignKey($"FK_{Messages}_{Tickets}_TicketId", x => x.TicketId,
                    principalSchema: schema, principalTable: Tickets, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Messages}_TicketId", Messages, "TicketId", schema);

        migrationBuilder.CreateTable(
            name: Tallies,
            schema: schema,
            columns: t => new
            {
                OrganisationId = t.Column<Guid>(nullable: false),
                Month = t.Column<DateOnly>(nullable: false),
                Mode = t.Column<string>(maxLength: 20, nullable: false),
                Outcome = t.Column<string>(maxLength: 30, nullable: false),
                Count = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey($"PK_{Tallies}", x => new { x.OrganisationId, x.Month, x.Mode, x.Outcome }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(ReferralsDbContext.Module);
        migrationBuilder.DropTable(name: Messages, schema: schema);
        migrationBuilder.DropTable(name: Tickets, schema: schema);
        migrationBuilder.DropTable(name: Photos, schema: schema);
        migrationBuilder.DropTable(name: Tallies, schema: schema);
        migrationBuilder.DropTable(name: ReferralsTable, schema: schema);
    }
}
