using Glasklar.Platform.Persistence;
using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
using Glasklar.Privacy.Retention;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Privacy.Persistence;

/// <summary>The privacy core's own tables (schema "privacy" on PostgreSQL, prefix "privacy_" everywhere).</summary>
internal sealed class PrivacyDbContext(DbContextOptions<PrivacyDbContext> options, DbSession session)
    : ModuleDbContext(options, session)
{
    public const string Module = "privacy";

    public override string ModuleName => Module;

    public DbSet<ConsentRecord> ConsentRecords => Set<ConsentRecord>();

    public DbSet<ConsentErasurePermit> ConsentErasurePermits => Set<ConsentErasurePermit>();

    public DbSet<LegalHold> LegalHolds => Set<LegalHold>();

    public DbSet<SubjectRequest> SubjectRequests => Set<SubjectRequest>();

    public DbSet<ProcessingRestriction> Restrictions => Set<ProcessingRestriction>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        DataSubjectModel.Configure(modelBuilder, Table);
        modelBuilder.Entity<ConsentRecord>(e =>
        {
            e.ToTable(Table("consent_records"));
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Subject).HasMaxLength(ConsentRecord.SubjectMaxLength).IsRequired();
            e.Property(r => r.Purpose).HasMaxLength(ConsentRecord.PurposeMaxLength).IsRequired();
            e.Property(r => r.Revision).IsRequired();
            e.Property(r => r.Action).HasConversion<string>().HasMaxLength(ConsentRecord.ActionMaxLength).IsRequired();
            e.Property(r => r.Scope).HasMaxLength(ConsentRecord.ScopeMaxLength).IsRequired();
            e.Property(r => r.TextVersion).HasMaxLength(ConsentRecord.TextVersionMaxLength).IsRequired();
            e.Property(r => r.RecordedUtc).IsRequired();
            e.Property(r => r.ActorUserId).IsRequired();
            e.Property(r => r.ActorOrganisationId).IsRequired();
            e.Property(r => r.OnBehalfOf).IsRequired();
            e.HasIndex(r => new { r.Subject, r.Purpose, r.Revision }).IsUnique();
        });
        modelBuilder.Entity<ConsentErasurePermit>(e =>
        {
            e.ToTable(Table("consent_erasures"));
            e.HasKey(p => p.Subject);
            e.Property(p => p.Subject).HasMaxLength(ConsentRecord.SubjectMaxLength).ValueGeneratedNever();
        });
    }
}
