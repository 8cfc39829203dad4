using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Telematics.Persistence.Migrations;

/// <summary>
/// The export job's heartbeat (C15): a running job whose worker stopped renewing it goes back to the queue.
/// Running rows from before have none and count as stale, so they are picked up again at once.
/// </summary>
[DbContext(typeof(TelematicsDbContext))]
[Migration("20261203183000_TelematicsExportHeartbeat")]
internal sealed class TelematicsExportHeartbeat : Migration
{
    private const string Jobs = "telematics_export_jobs";

    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.AddColumn<DateTime>("HeartbeatUtc", Jobs, nullable: true, schema: migrationBuilder.EnsureModuleSchema(TelematicsDbContext.Module));

    protected override void Down(MigrationBuilder migrationBuilder) =>
        migrationBuilder.DropColumn("HeartbeatUtc", Jobs, migrationBuilder.SchemaFor(TelematicsDbContext.Module));
}
