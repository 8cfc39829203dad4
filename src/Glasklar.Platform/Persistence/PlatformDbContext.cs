using Glasklar.Platform.AccessLog;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Organisations;
using Glasklar.Platform.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Persistence;

/// <summary>The platform's tables: organisations, accounts, sessions, audit log, access log.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options, DbSession session)
    : ModuleDbContext(options, session)
{
    public const string Module = "platform";

    public override string ModuleName => Module;

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<User> Users => Set<User>();

    public DbSet<RecoveryCode> RecoveryCodes => Set<RecoveryCode>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<UserSession> Sessions => Set<UserSession>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<LastTransaction> LastTransactions => Set<LastTransaction>();

    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    public DbSet<UsageStatistic> UsageStatistics => Set<UsageStatistic>();

    protected override void ConfigureModel(ModelBuilder modelBuilder) => PlatformModel.Configure(modelBuilder, Table);
}
