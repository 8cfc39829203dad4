using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Telematics.Persistence.Migrations;

[DbContext(typeof(TelematicsDbContext))]
[Migration("20261203000001_Telematics")]
internal sealed class Telematics : Migration
{
    private const string Contracts = "telematics_contracts";
    private const string Boxes = "telematics_boxes";
    private const string Trips = "telematics_trips";
    private const string States = "telematics_trip_states";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(TelematicsDbContext.Module);
        migrationBuilder.CreateTable(
            name: Contracts,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                CustomerUserId = t.Column<Guid>(nullable: true),
                ContractNumber = t.Column<string>(maxLength: 40, nullable: false),
                Salutation = t.Column<string>(maxLength: 40, nullable: false),
                Title = t.Column<string>(maxLength: 40, nullable: false),
                AcademicDegree = t.Column<string>(maxLength: 40, nullable: false),
                FirstName = t.Column<string>(maxLength: 100, nullable: false),
                LastName = t.Column<string>(maxLength: 100, nullable: false),
                Street = t.Column<string>(maxLength: 200, nullable: false),
                PostalCode = t.Column<string>(maxLength: 40, nullable: false),
                City = t.Column<string>(maxLength: 100, nullable: false),
                Email = t.Column<string>(maxLength: 200, nullable: false),
                Mobile = t.Column<string>(maxLength: 40, nullable: false),
                Iban = t.Column<string>(maxLength: 40, nullable: false),
                Bic = t.Column<string>(maxLength: 40, nullable: false),
                LicencePlate = t.Column<string>(maxLength: 40, nullable: false),
                MotorPolicyNumber = t.Column<string>(maxLength: 40, nullable: false),
                StartsOn = t.Column<DateOnly>(nullable: false),
                EndsOn = t.Column<DateOnly>(nullable: true),
                RevokedUtc = t.Column<DateTime>(nullable: true),
                CreatedUtc = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey($"PK_{Contracts}", x => x.Id));
        migrationBuilder.CreateIndex($"IX_{Contracts}_ContractNumber", Contracts, "ContractNumber", schema, unique: true);
        migrationBuilder.CreateIndex($"IX_{Contracts}_OrganisationId", Contracts, "OrganisationId", schema);

        migrationBuilder.CreateTable(
            name: Boxes,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                ContractId = t.Column<Guid>(nullable: false),
                Imei = t.Column<string>(maxLength: 17, nullable: false),
                VehicleId = t.Column<string>(maxLength: 40, nullable: false),
                Status = t.Column<int>(nullable: false),
                ActivatedUtc = t.Column<DateTime>(nullable: true),
                DeactivatedUtc = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{Boxes}", x => x.Id);
                t.ForeignKey($"FK_{Boxes}_{Contracts}_ContractId", x => x.ContractId, principalSchema: schema, principalTable: Contracts, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Boxes}_Imei", Boxes, "Imei", schema, unique: true);
        migrationBuilder.CreateIndex($"IX_{Boxes}_ContractId", Boxes, "ContractId", schema);

        migrationBuilder.CreateTable(
            name: Trips,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                BoxId = t.Column<Guid>(nullable: false),
                StartUtc = t.Column<DateTime>(nullable: false),
                EndUtc = t.Column<DateTime>(nullable: false),
                StartLatitude = t.Column<double>(nullable: false),
                StartLongitude = t.Column<double>(nullable: false),
                EndLatitude = t.Column<double>(nullable: false),
                EndLongitude = t.Column<double>(nullable: false),
                DistanceMeters = t.Column<double>(nullable: false),
                MaxSpeedKmh = t.Column<double>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{Trips}", x => x.Id);
                t.ForeignKey($"FK_{Trips}_{Boxes}_BoxId", x => x.BoxId, principalSchema: schema, principalTable: Boxes, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Trips}_BoxId_StartUtc", Trips, ["BoxId", "StartUtc"], schema, unique: true);

        migrationBuilder.CreateTable(
            name: States,
            schema: schema,
            columns: t => new
            {
                BoxId = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                LastFixUtc = t.Column<DateTime>(nullable: true),
                LastLatitude = t.Column<double>(nullable: false),
                LastLongitude = t.Column<double>(nullable: false),
                LastSpeedKmh = t.Column<double>(nullable: false),
                Driving = t.Column<bool>(nullable: false),
                TripStartUtc = t.Column<DateTime>(nullable: true),
                TripStartLatitude = t.Column<double>(nullable: false),
                TripStartLongitude = t.Column<double>(nullable: false),
                LastMovingUtc = t.Column<DateTime>(nullable: true),
                StopSinceUtc = t.Column<DateTime>(nullable: true),
                StopLatitude = t.Column<double>(nullable: false),
                StopLongitude = t.Column<double>(nullable: false),
                DistanceMeters = t.Column<double>(nullable: false),
                MaxSpeedKmh = t.Column<double>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{States}", x => x.BoxId);
                t.ForeignKey($"FK_{States}_{Boxes}_BoxId", x => x.BoxId, principalSchema: schema, principalTable: Boxes, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.Sql(PositionTable.CreateSql(migrationBuilder.IsPostgres()));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(TelematicsDbContext.Module);
        migrationBuilder.Sql($"DROP TABLE {PositionTable.Name(migrationBuilder.IsPostgres())};");
        migrationBuilder.DropTable(States, schema);
        migrationBuilder.DropTable(Trips, schema);
        migrationBuilder.DropTable(Boxes, schema);
        migrationBuilder.DropTable(Contracts, schema);
    }
}
