using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Telematics.Persistence.Migrations;

/// <summary>Customer portal: theft-alert zones, their alerts and export jobs (ADR 0022).</summary>
[DbContext(typeof(TelematicsDbContext))]
[Migration("20261203100500_TelematicsPortal")]
internal sealed class TelematicsPortal : Migration
{
    private const string Boxes = "telematics_boxes";
    private const string Zones = "telematics_geofences";
    private const string Alerts = "telematics_geofence_alerts";
    private const string Jobs = "telematics_export_jobs";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(TelematicsDbContext.Module);
        migrationBuilder.CreateTable(
            name: Zones,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                BoxId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Shape = t.Column<int>(nullable: false),
                CenterLatitude = t.Column<double>(nullable: false),
                CenterLongitude = t.Column<double>(nullable: false),
                RadiusMeters = t.Column<double>(nullable: false),
                Polygon = t.Column<string>(maxLength: 4000, nullable: false),
                Armed = t.Column<bool>(nullable: false),
                ArmedUtc = t.Column<DateTime>(nullable: true),
                AlertedUtc = t.Column<DateTime>(nullable: true),
                CreatedUtc = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{Zones}", x => x.Id);
                t.ForeignKey($"FK_{Zones}_{Boxes}_BoxId", x => x.BoxId, principalSchema: schema, principalTable: Boxes, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Zones}_BoxId_Armed", Zones, ["BoxId", "Armed"], schema);

        migrationBuilder.CreateTable(
            name: Alerts,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                BoxId = t.Column<Guid>(nullable: false),
                GeofenceId = t.Column<Guid>(nullable: false),
                RaisedUtc = t.Column<DateTime>(nullable: false),
                PositionUtc = t.Column<DateTime>(nullable: false),
                Latitude = t.Column<double>(nullable: false),
                Longitude = t.Column<double>(nullable: false),
                MailSentUtc = t.Column<DateTime>(nullable: true),
                AcknowledgedUtc = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey($"PK_{Alerts}", x => x.Id);
                t.ForeignKey($"FK_{Alerts}_{Boxes}_BoxId", x => x.BoxId, principalSchema: schema, principalTable: Boxes, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
                t.ForeignKey($"FK_{Alerts}_{Zones}_GeofenceId", x => x.GeofenceId, principalSchema: schema, principalTable: Zones, principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex($"IX_{Alerts}_BoxId", Alerts, "BoxId", schema);
        migrationBuilder.CreateIndex($"IX_{Alerts}_GeofenceId", Alerts, "GeofenceId", schema);
        migrationBuilder.CreateIndex($"IX_{Alerts}_MailSentUtc", Alerts, "MailSentUtc", schema);

        migrationBuilder.CreateTable(
            name: Jobs,
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                CustomerUserId = t.Column<Guid>(nullable: false),
                Format = t.Column<int>(nullable: false),
                FromUtc = t.Column<DateTime>(nullable: false),
                ToUtc = t.Column<DateTime>(nullable: false),
                Status = t.Column<int>(nullable: false),
                TotalPositions = t.Column<long>(nullable: false),
                DonePositions = t.Column<long>(nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
                FinishedUtc = t.Column<DateTime>(nullable: true),
                ExpiresUtc = t.Column<DateTime>(nullable: false),
            },
            constraints: t => t.PrimaryKey($"PK_{Jobs}", x => x.Id));
        migrationBuilder.CreateIndex($"IX_{Jobs}_CustomerUserId", Jobs, "CustomerUserId", schema);
        migrationBuilder.CreateIndex($"IX_{Jobs}_Status", Jobs, "Status", schema);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(TelematicsDbContext.Module);
        migrationBuilder.DropTable(Jobs, schema);
        migrationBuilder.DropTable(Alerts, schema);
        migrationBuilder.DropTable(Zones, schema);
    }
}
