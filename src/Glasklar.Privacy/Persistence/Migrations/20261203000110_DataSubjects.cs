using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Privacy.Persistence.Migrations;

/// <summary>Legal holds (X6), data-subject requests and restrictions of processing (X7).</summary>
[DbContext(typeof(PrivacyDbContext))]
[Migration("20261203000110_DataSubjects")]
internal sealed class DataSubjects : Migration
{
    private const string Holds = "privacy_legal_holds";
    private const string Requests = "privacy_subject_requests";
    private const string Restrictions = "privacy_restrictions";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(PrivacyDbContext.Module);
        migrationBuilder.CreateTable(
            name: Holds,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                SubjectRef = table.Column<string>(maxLength: 200, nullable: false),
                Category = table.Column<string>(maxLength: 200, nullable: false),
                Reason = table.Column<string>(maxLength: 500, nullable: false),
                EndsOn = table.Column<DateOnly>(nullable: false),
                CreatedUtc = table.Column<DateTime>(nullable: false),
                CreatedByUserId = table.Column<Guid>(nullable: false),
                LiftedUtc = table.Column<DateTime>(nullable: true),
            },
            constraints: table => table.PrimaryKey($"PK_{Holds}", x => x.Id));
        migrationBuilder.CreateIndex(name: $"IX_{Holds}_SubjectRef", schema: schema, table: Holds, column: "SubjectRef");

        migrationBuilder.CreateTable(
            name: Requests,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Kind = table.Column<string>(maxLength: 20, nullable: false),
                State = table.Column<string>(maxLength: 20, nullable: false),
                SubjectUserId = table.Column<Guid>(nullable: true),
                SubjectEmail = table.Column<string>(maxLength: 200, nullable: true),
                SubjectSurname = table.Column<string>(maxLength: 200, nullable: true),
                SubjectPolicyNumber = table.Column<string>(maxLength: 200, nullable: true),
                SubjectPhone = table.Column<string>(maxLength: 200, nullable: true),
                SubjectLicencePlate = table.Column<string>(maxLength: 200, nullable: true),
                Details = table.Column<string>(maxLength: 2000, nullable: true),
                ReceivedUtc = table.Column<DateTime>(nullable: false),
                DueOn = table.Column<DateOnly>(nullable: false),
                FiledByUserId = table.Column<Guid>(nullable: false),
                FiledByOrganisationId = table.Column<Guid>(nullable: true),
                OnBehalf = table.Column<bool>(nullable: false),
                IdentityCheck = table.Column<string>(maxLength: 200, nullable: true),
                Answer = table.Column<string>(maxLength: 4000, nullable: true),
                AnsweredUtc = table.Column<DateTime>(nullable: true),
                AnsweredByUserId = table.Column<Guid>(nullable: true),
                ClosedUtc = table.Column<DateTime>(nullable: true),
                Blocked = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Requests}", x => x.Id));
        migrationBuilder.CreateIndex(name: $"IX_{Requests}_DueOn", schema: schema, table: Requests, column: "DueOn");
        migrationBuilder.CreateIndex(name: $"IX_{Requests}_SubjectUserId", schema: schema, table: Requests, column: "SubjectUserId");

        migrationBuilder.CreateTable(
            name: Restrictions,
            schema: schema,
            columns: table => new
            {
                SubjectRef = table.Column<string>(maxLength: 200, nullable: false),
                SinceUtc = table.Column<DateTime>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Restrictions}", x => x.SubjectRef));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(PrivacyDbContext.Module);
        migrationBuilder.DropTable(name: Restrictions, schema: schema);
        migrationBuilder.DropTable(name: Requests, schema: schema);
        migrationBuilder.DropTable(name: Holds, schema: schema);
    }
}
