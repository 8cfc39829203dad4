using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

namespace Glasklar.Platform.Persistence.Migrations;

/// <summary>Users, roles, second factor, tokens, API keys, sessions, audit log and access log (issue 3).</summary>
[DbContext(typeof(PlatformDbContext))]
[Migration("20261122000002_Accounts")]
internal sealed class Accounts : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.EnsureModuleSchema(PlatformDbContext.Module);

        migrationBuilder.CreateTable(
            name: "platform_users",
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: true),
                Email = t.Column<string>(maxLength: 254, nullable: false),
                EmailVerifiedUtc = t.Column<DateTime>(nullable: true),
                GivenName = t.Column<string>(maxLength: 100, nullable: false),
                FamilyName = t.Column<string>(maxLength: 100, nullable: false),
                MobilePhone = t.Column<string>(maxLength: 20, nullable: true),
                PasswordHash = t.Column<string>(maxLength: 200, nullable: false),
                TotpSecretProtected = t.Column<string>(maxLength: 1000, nullable: true),
                TotpLastStep = t.Column<long>(nullable: true),
                IsActive = t.Column<bool>(nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_users", x => x.Id);
                t.ForeignKey("FK_platform_users_platform_organisations_OrganisationId", x => x.OrganisationId,
                    principalSchema: schema, principalTable: "platform_organisations", principalColumn: "Id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex("IX_platform_users_Email", "platform_users", "Email", schema, unique: true);
        migrationBuilder.CreateIndex("IX_platform_users_OrganisationId", "platform_users", "OrganisationId", schema);

        migrationBuilder.CreateTable(
            name: "platform_user_roles",
            schema: schema,
            columns: t => new
            {
                UserId = t.Column<Guid>(nullable: false),
                Role = t.Column<string>(maxLength: 40, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_user_roles", x => new { x.UserId, x.Role });
                t.ForeignKey("FK_platform_user_roles_platform_users_UserId", x => x.UserId,
                    principalSchema: schema, principalTable: "platform_users", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "platform_recovery_codes",
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                UserId = t.Column<Guid>(nullable: false),
                Hash = t.Column<string>(maxLength: 200, nullable: false),
                UsedUtc = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_recovery_codes", x => x.Id);
                t.ForeignKey("FK_platform_recovery_codes_platform_users_UserId", x => x.UserId,
                    principalSchema: schema, principalTable: "platform_users", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_platform_recovery_codes_UserId", "platform_recovery_codes", "UserId", schema);

        migrationBuilder.CreateTable(
            name: "platform_account_tokens",
            schema: schema,
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                UserId = t.Column<Guid>(nullable: false),
                Purpose = t.Column<string>(maxLength: 30, nullable: false),
                ExpiresUtc = t.Column<DateTime>(nullable: false),
                UsedUtc = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_account_tokens", x => x.Id);
                t.ForeignKey("FK_platform_account_tokens_platform_users_UserId", x => x.UserId,
                    principalSchema: schema, principalTable: "platform_users", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_platform_account_tokens_UserId", "platform_account_tokens", "UserId", schema);

        migrationBuilder.CreateTable(
            name: "platform_api_keys",
            schema: schema,
            columns: t => new
            {
                Id = t.Column<Guid>(nullable: false),
                OrganisationId = t.Column<Guid>(nullable: false),
                Name = t.Column<string>(maxLength: 100, nullable: false),
                Prefix = t.Column<string>(maxLength: 32, nullable: false),
                SecretHash = t.Column<string>(maxLength: 64, nullable: false),
                Scopes = t.Column<string>(maxLength: 500, nullable: false),
                CreatedByUserId = t.Column<Guid>(nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
                LastUsedUtc = t.Column<DateTime>(nullable: true),
                RevokedUtc = t.Column<DateTime>(nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_api_keys", x => x.Id);
                t.ForeignKey("FK_platform_api_keys_platform_organisations_OrganisationId", x => x.OrganisationId,
                    principalSchema: schema, principalTable: "platform_organisations", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_platform_api_keys_OrganisationId", "platform_api_keys", "OrganisationId", schema);
        migrationBuilder.CreateIndex("IX_platform_api_keys_Prefix", "platform_api_keys", "Prefix", schema, unique: true);

        migrationBuilder.CreateTable(
            name: "platform_sessions",
            schema: schema,
            columns: t => new
            {
                Id = t.Column<string>(maxLength: 64, nullable: false),
                UserId = t.Column<Guid>(nullable: false),
                CreatedUtc = t.Column<DateTime>(nullable: false),
                LastSeenUtc = t.Column<DateTime>(nullable: false),
                AbsoluteExpiryUtc = t.Column<DateTime>(nullable: false),
                EndedUtc = t.Column<DateTime>(nullable: true),
                ClientSummary = t.Column<string>(maxLength: 100, nullable: false),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_sessions", x => x.Id);
                t.ForeignKey("FK_platform_sessions_platform_users_UserId", x => x.UserId,
                    principalSchema: schema, principalTable: "platform_users", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex("IX_platform_sessions_UserId", "platform_sessions", "UserId", schema);

        migrationBuilder.CreateTable(
            name: "platform_audit_log",
            schema: schema,
            columns: t => new
            {
                Sequence = t.Column<long>(nullable: false),
                OccurredUtc = t.Column<DateTime>(nullable: false),
                UserId = t.Column<Guid>(nullable: true),
                OrganisationId = t.Column<Guid>(nullable: true),
                Action = t.Column<string>(maxLength: 80, nullable: false),
                IpAddress = t.Column<string>(maxLength: 45, nullable: true),
                Details = t.Column<string>(maxLength: 2000, nullable: false),
                PreviousHash = t.Column<string>(maxLength: 64, nullable: false),
                Hash = t.Column<string>(maxLength: 64, nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_platform_audit_log", x => x.Sequence));
        migrationBuilder.CreateIndex("IX_platform_audit_log_OccurredUtc", "platform_audit_log", "OccurredUtc", schema);
        migrationBuilder.CreateIndex("IX_platform_audit_log_UserId", "platform_audit_log", "UserId", schema);

        migrationBuilder.CreateTable(
            name: "platform_last_transactions",
            schema: schema,
            columns: t => new
            {
                UserId = t.Column<Guid>(nullable: false),
                Action = t.Column<string>(maxLength: 80, nullable: false),
                OccurredUtc = t.Column<DateTime>(nullable: false),
                IpAddress = t.Column<string>(maxLength: 45, nullable: true),
            },
            constraints: t =>
            {
                t.PrimaryKey("PK_platform_last_transactions", x => x.UserId);
                t.ForeignKey("FK_platform_last_transactions_platform_users_UserId", x => x.UserId,
                    principalSchema: schema, principalTable: "platform_users", principalColumn: "Id", onDelete: ReferentialAction.Cascade);
            });

        migrationBuilder.CreateTable(
            name: "platform_access_log",
            schema: schema,
            columns: t => new
            {
                Id = t.Column<long>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                OccurredUtc = t.Column<DateTime>(nullable: false),
                IpAddress = t.Column<string>(maxLength: 45, nullable: false),
                UserAgent = t.Column<string>(maxLength: 300, nullable: false),
                Path = t.Column<string>(maxLength: 300, nullable: false),
                Status = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_platform_access_log", x => x.Id));
        migrationBuilder.CreateIndex("IX_platform_access_log_OccurredUtc", "platform_access_log", "OccurredUtc", schema);

        migrationBuilder.CreateTable(
            name: "platform_usage_statistics",
            schema: schema,
            columns: t => new
            {
                HourUtc = t.Column<DateTime>(nullable: false),
                Area = t.Column<string>(maxLength: 40, nullable: false),
                Requests = t.Column<int>(nullable: false),
            },
            constraints: t => t.PrimaryKey("PK_platform_usage_statistics", x => new { x.HourUtc, x.Area }));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        var schema = migrationBuilder.SchemaFor(PlatformDbContext.Module);
        foreach (var table in new[]
        {
            "platform_usage_statistics", "platform_access_log", "platform_last_transactions", "platform_audit_log",
            "platform_sessions", "platform_api_keys", "platform_account_tokens", "platform_recovery_codes",
            "platform_user_roles", "platform_users",
        })
        {
            migrationBuilder.DropTable(table, schema);
        }
    }
}
