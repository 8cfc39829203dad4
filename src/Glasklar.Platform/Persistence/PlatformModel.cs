using Glasklar.Platform.AccessLog;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Organisations;
using Glasklar.Platform.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Persistence;

/// <summary>Table mapping of the platform's entities (kept out of the context class for size).</summary>
internal static class PlatformModel
{
    public static void Configure(ModelBuilder modelBuilder, Func<string, string> table)
    {
        modelBuilder.Entity<Organisation>(e =>
        {
            e.ToTable(table("organisations"));
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).ValueGeneratedNever();
            e.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40).IsRequired();
            e.HasIndex(o => o.Kind);
        });

        modelBuilder.Entity<User>(e =>
        {
            e.ToTable(table("users"));
            e.HasKey(u => u.Id);
            e.Property(u => u.Id).ValueGeneratedNever();
            e.Property(u => u.Email).HasMaxLength(User.EmailMaxLength).IsRequired();
            e.HasIndex(u => u.Email).IsUnique();
            e.Property(u => u.GivenName).HasMaxLength(User.NameMaxLength).IsRequired();
            e.Property(u => u.FamilyName).HasMaxLength(User.NameMaxLength).IsRequired();
            e.Property(u => u.MobilePhone).HasMaxLength(20);
            e.Property(u => u.PasswordHash).HasMaxLength(200).IsRequired();
            e.Property(u => u.TotpSecretProtected).HasMaxLength(1000);
            e.HasOne<Organisation>().WithMany().HasForeignKey(u => u.OrganisationId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(u => u.Roles).WithOne().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(u => u.HasSecondFactor);
            e.Ignore(u => u.DisplayName);
            e.Ignore(u => u.IsEmailVerified);
        });

        modelBuilder.Entity<UserRole>(e =>
        {
            e.ToTable(table("user_roles"));
            e.HasKey(r => new { r.UserId, r.Role });
            e.Property(r => r.Role).HasMaxLength(40);
        });

        modelBuilder.Entity<RecoveryCode>(e =>
        {
            e.ToTable(table("recovery_codes"));
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Hash).HasMaxLength(200).IsRequired();
            e.HasOne<User>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AccountToken>(e =>
        {
            e.ToTable(table("account_tokens"));
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).HasMaxLength(64);
            e.Property(t => t.Purpose).HasMaxLength(30).IsRequired();
            e.Property(t => t.NewEmail).HasMaxLength(User.EmailMaxLength);
            e.HasOne<User>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<ApiKey>(e =>
        {
            e.ToTable(table("api_keys"));
            e.HasKey(k => k.Id);
            e.Property(k => k.Id).ValueGeneratedNever();
            e.Property(k => k.Name).HasMaxLength(100).IsRequired();
            e.Property(k => k.Prefix).HasMaxLength(32).IsRequired();
            e.HasIndex(k => k.Prefix).IsUnique();
            e.Property(k => k.SecretHash).HasMaxLength(64).IsRequired();
            e.Property(k => k.Scopes).HasMaxLength(500).IsRequired();
            e.HasOne<Organisation>().WithMany().HasForeignKey(k => k.OrganisationId).OnDelete(DeleteBehavior.Cascade);
            e.Ignore(k => k.IsActive);
            e.Ignore(k => k.ScopeList);
        });

        modelBuilder.Entity<UserSession>(e =>
        {
            e.ToTable(table("sessions"));
            e.HasKey(s => s.Id);
            e.Property(s => s.Id).HasMaxLength(64);
            e.Property(s => s.ClientSummary).HasMaxLength(100).IsRequired();
            e.HasIndex(s => s.UserId);
            e.HasOne<User>().WithMany().HasForeignKey(s => s.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AuditEntry>(e =>
        {
            e.ToTable(table("audit_log"));
            e.HasKey(a => a.Sequence);
            e.Property(a => a.Sequence).ValueGeneratedNever();
            e.Property(a => a.Action).HasMaxLength(80).IsRequired();
            e.Property(a => a.IpAddress).HasMaxLength(45);
            e.Property(a => a.Details).HasMaxLength(2000).IsRequired();
            e.Property(a => a.PreviousHash).HasMaxLength(64).IsRequired();
            e.Property(a => a.Hash).HasMaxLength(64).IsRequired();
            e.HasIndex(a => a.UserId);
            e.HasIndex(a => a.OccurredUtc);
        });

        modelBuilder.Entity<LastTransaction>(e =>
        {
            e.ToTable(table("last_transactions"));
            e.HasKey(t => t.UserId);
            e.Property(t => t.Action).HasMaxLength(80).IsRequired();
            e.Property(t => t.IpAddress).HasMaxLength(45);
            e.HasOne<User>().WithOne().HasForeignKey<LastTransaction>(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
        });

        modelBuilder.Entity<AccessLogEntry>(e =>
        {
            e.ToTable(table("access_log"));
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedOnAdd();
            e.Property(a => a.IpAddress).HasMaxLength(45).IsRequired();
            e.Property(a => a.UserAgent).HasMaxLength(AccessLogEntry.UserAgentMaxLength).IsRequired();
            e.Property(a => a.Path).HasMaxLength(AccessLogEntry.PathMaxLength).IsRequired();
            e.HasIndex(a => a.OccurredUtc);
        });

        modelBuilder.Entity<UsageStatistic>(e =>
        {
            e.ToTable(table("usage_statistics"));
            e.HasKey(s => new { s.HourUtc, s.Area });
            e.Property(s => s.Area).HasMaxLength(40);
        });

        Retention.JobLease.Configure(modelBuilder, table);
    }
}
