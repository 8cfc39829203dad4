using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Claims.Persistence.Migrations;

/// <summary>Contracts, insured persons, claims with items and receipts, drafts (B1, B2, B3).</summary>
[DbContext(typeof(ClaimsDbContext))]
[Migration("20261203000300_Claims")]
internal sealed class ClaimsInitial : Migration
{
    private const string Contracts = "claims_contracts";
    private const string Insured = "claims_insured_persons";
    private const string Claims = "claims_claims";
    private const string Items = "claims_claim_items";
    private const string Receipts = "claims_receipts";
    private const string Drafts = "claims_drafts";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(ClaimsDbContext.Module);
        migrationBuilder.CreateTable(
            name: Contracts,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganisationId = table.Column<Guid>(nullable: false),
                PolicyNumber = table.Column<string>(maxLength: 30, nullable: false),
                PolicyholderSalutation = table.Column<string>(maxLength: 20, nullable: false),
                PolicyholderFirstName = table.Column<string>(maxLength: 100, nullable: false),
                PolicyholderLastName = table.Column<string>(maxLength: 100, nullable: false),
                PolicyholderBirthDateProtected = table.Column<string>(nullable: false),
                CoverSummary = table.Column<string>(maxLength: 500, nullable: false),
                LinkedUserId = table.Column<Guid>(nullable: true),
                LinkedUtc = table.Column<DateTime>(nullable: true),
                CreatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Contracts}", x => x.Id));
        migrationBuilder.CreateIndex($"IX_{Contracts}_PolicyNumber", Contracts, "PolicyNumber", schema, unique: true);
        migrationBuilder.CreateIndex($"IX_{Contracts}_LinkedUserId", Contracts, "LinkedUserId", schema);

        migrationBuilder.CreateTable(
            name: Insured,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ContractId = table.Column<Guid>(nullable: false),
                Salutation = table.Column<string>(maxLength: 20, nullable: false),
                FirstName = table.Column<string>(maxLength: 100, nullable: false),
                LastName = table.Column<string>(maxLength: 100, nullable: false),
                BirthDate = table.Column<DateOnly>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{Insured}", x => x.Id);
                table.ForeignKey($"FK_{Insured}_{Contracts}_ContractId", x => x.ContractId, Contracts, "Id", schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Insured}_ContractId", Insured, "ContractId", schema);

        migrationBuilder.CreateTable(
            name: Claims,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                OrganisationId = table.Column<Guid>(nullable: false),
                Number = table.Column<string>(maxLength: 20, nullable: false),
                CustomerUserId = table.Column<Guid>(nullable: false),
                ContractId = table.Column<Guid>(nullable: false),
                InsuredPersonId = table.Column<Guid>(nullable: false),
                BankProtected = table.Column<string>(nullable: false),
                Status = table.Column<string>(maxLength: 20, nullable: false),
                SubmittedUtc = table.Column<DateTime>(nullable: false),
                SettledUtc = table.Column<DateTime>(nullable: true),
                SettledByUserId = table.Column<Guid>(nullable: true),
                Restricted = table.Column<bool>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{Claims}", x => x.Id);
                table.ForeignKey($"FK_{Claims}_{Contracts}_ContractId", x => x.ContractId, Contracts, "Id", schema, onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex($"IX_{Claims}_Number", Claims, "Number", schema, unique: true);
        migrationBuilder.CreateIndex($"IX_{Claims}_CustomerUserId", Claims, "CustomerUserId", schema);
        migrationBuilder.CreateIndex($"IX_{Claims}_ContractId", Claims, "ContractId", schema);
        migrationBuilder.CreateIndex($"IX_{Claims}_OrganisationId_Status", Claims, ["OrganisationId", "Status"], schema);

        migrationBuilder.CreateTable(
            name: Items,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClaimId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                DetailsProtected = table.Column<string>(nullable: false),
                ClaimedCents = table.Column<long>(nullable: false),
                ReimbursedCents = table.Column<long>(nullable: true),
                ReasonProtected = table.Column<string>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{Items}", x => x.Id);
                table.ForeignKey($"FK_{Items}_{Claims}_ClaimId", x => x.ClaimId, Claims, "Id", schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Items}_ClaimId", Items, "ClaimId", schema);

        migrationBuilder.CreateTable(
            name: Receipts,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                ClaimId = table.Column<Guid>(nullable: false),
                Position = table.Column<int>(nullable: false),
                FileNameProtected = table.Column<string>(nullable: false),
                ContentType = table.Column<string>(maxLength: 50, nullable: false),
                Size = table.Column<int>(nullable: false),
                ContentProtected = table.Column<byte[]>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey($"PK_{Receipts}", x => x.Id);
                table.ForeignKey($"FK_{Receipts}_{Claims}_ClaimId", x => x.ClaimId, Claims, "Id", schema, onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Receipts}_ClaimId", Receipts, "ClaimId", schema);

        migrationBuilder.CreateTable(
            name: Drafts,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                CustomerUserId = table.Column<Guid>(nullable: false),
                PayloadProtected = table.Column<string>(nullable: false),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                UpdatedUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Drafts}", x => x.Id));
        migrationBuilder.CreateIndex($"IX_{Drafts}_CustomerUserId", Drafts, "CustomerUserId", schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(ClaimsDbContext.Module);
        foreach (var table in new[] { Drafts, Receipts, Items, Claims, Insured, Contracts })
        {
            migrationBuilder.DropTable(name: table, schema: schema);
        }
    }
}
