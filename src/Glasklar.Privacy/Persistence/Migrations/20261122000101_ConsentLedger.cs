using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Glasklar.Privacy.Persistence.Migrations;

[DbContext(typeof(PrivacyDbContext))]
[Migration("20261122000101_ConsentLedger")]
internal sealed class ConsentLedger : Migration
{
    private const string Records = "privacy_consent_records";
    private const string Erasures = "privacy_consent_erasures";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(PrivacyDbContext.Module);
        migrationBuilder.CreateTable(
            name: Records,
            schema: schema,
            columns: table => new
            {
                Id = table.Column<Guid>(nullable: false),
                Subject = table.Column<string>(maxLength: 200, nullable: false),
                Purpose = table.Column<string>(maxLength: 100, nullable: false),
                Revision = table.Column<int>(nullable: false),
                Action = table.Column<string>(maxLength: 20, nullable: false),
                Scope = table.Column<string>(maxLength: 2000, nullable: false),
                TextVersion = table.Column<string>(maxLength: 50, nullable: false),
                RecordedUtc = table.Column<DateTime>(nullable: false),
                ActorUserId = table.Column<Guid>(nullable: false),
                ActorOrganisationId = table.Column<Guid>(nullable: false),
                OnBehalfOf = table.Column<bool>(nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Records}", x => x.Id));

        migrationBuilder.CreateIndex(
            name: $"IX_{Records}_Subject_Purpose_Revision",
            schema: schema,
            table: Records,
            columns: ["Subject", "Purpose", "Revision"],
            unique: true);

        migrationBuilder.CreateTable(
            name: Erasures,
            schema: schema,
            columns: table => new
            {
                Subject = table.Column<string>(maxLength: 200, nullable: false),
            },
            constraints: table => table.PrimaryKey($"PK_{Erasures}", x => x.Subject));

        // History is append-only in the database too, not just in the C# API: UPDATE always fails,
        // DELETE only while an erasure permit for that subject exists (EraseSubjectAsync), and on
        // PostgreSQL TRUNCATE (which skips row triggers) fails as well.
        if (migrationBuilder.IsPostgres())
        {
            migrationBuilder.Sql($"""
                CREATE FUNCTION privacy.consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_OP = 'DELETE' THEN
                        IF EXISTS (SELECT 1 FROM privacy.{Erasures} p WHERE p."Subject" = OLD."Subject") THEN
                            RETURN OLD;
                        END IF;
                    END IF;
                    RAISE EXCEPTION 'privacy_consent_records is append-only: % refused', TG_OP
                        USING ERRCODE = 'integrity_constraint_violation';
                END
                $$;
                CREATE TRIGGER consent_records_no_change BEFORE UPDATE OR DELETE ON privacy.{Records}
                    FOR EACH ROW EXECUTE FUNCTION privacy.consent_records_append_only();
                CREATE TRIGGER consent_records_no_truncate BEFORE TRUNCATE ON privacy.{Records}
                    FOR EACH STATEMENT EXECUTE FUNCTION privacy.consent_records_append_only();
                """);
        }
        else
        {
            migrationBuilder.Sql($"""
                CREATE TRIGGER consent_records_no_update BEFORE UPDATE ON {Records}
                BEGIN
                    SELECT RAISE(ABORT, 'privacy_consent_records is append-only: UPDATE refused');
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER consent_records_no_delete BEFORE DELETE ON {Records}
                WHEN NOT EXISTS (SELECT 1 FROM {Erasures} p WHERE p.Subject = OLD.Subject)
                BEGIN
                    SELECT RAISE(ABORT, 'privacy_consent_records is append-only: DELETE refused');
                END;
                """);
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(PrivacyDbContext.Module);
        migrationBuilder.DropTable(name: Records, schema: schema);
        migrationBuilder.DropTable(name: Erasures, schema: schema);
        if (migrationBuilder.IsPostgres())
        {
            // Triggers go with their table; the function does not.
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS privacy.consent_records_append_only();");
        }
    }
}
