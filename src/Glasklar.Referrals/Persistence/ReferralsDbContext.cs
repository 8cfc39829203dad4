using Glasklar.Platform.Persistence;
using Glasklar.Referrals.Domain;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Glasklar.Referrals.Persistence;

/// <summary>The referral module's own tables (schema "referrals" on PostgreSQL, prefix "referrals_" everywhere).</summary>
internal sealed class ReferralsDbContext(DbContextOptions<ReferralsDbContext> options, DbSession session, FreeTextProtection freeText)
    : ModuleDbContext(options, session)
{
    public const string Module = "referrals";

    public override string ModuleName => Module;

    public DbSet<Referral> Referrals => Set<Referral>();

    public DbSet<ReferralPhoto> Photos => Set<ReferralPhoto>();

    public DbSet<PostkorbTicket> Tickets => Set<PostkorbTicket>();

    public DbSet<PostkorbMessage> Messages => Set<PostkorbMessage>();

    public DbSet<CommissionTally> CommissionTallies => Set<CommissionTally>();

    internal FreeTextProtection FreeText => freeText;

    /// <summary>The plain values one save replaced with ciphertext, restored after it (FreeTextInterceptor).</summary>
    internal List<(PropertyEntry Property, string Plain)> ReplacedFreeText { get; } = [];

    /// <summary>Free text is encrypted on the way in and decrypted on the way out (ARCHITECTURE §2).</summary>
    protected override void OnConfiguring(DbContextOptionsBuilder optionsBuilder) =>
        optionsBuilder.AddInterceptors(FreeTextInterceptor.Instance);

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Referral>(e =>
        {
            e.ToTable(Table("referrals"));
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Mode).HasConversion<string>().HasMaxLength(20);
            e.Property(r => r.Status).HasConversion<string>().HasMaxLength(30);
            e.Property(r => r.ServiceNumber).HasMaxLength(40);
            e.Property(r => r.Surname).HasMaxLength(ReferralFields.NameMaxLength);
            e.Property(r => r.Phone).HasMaxLength(20);
            e.Property(r => r.LicencePlate).HasMaxLength(12);
            e.Property(r => r.PolicyNumber).HasMaxLength(35);
            e.Property(r => r.ConsentTextVersion).HasMaxLength(50);
            e.Property(r => r.Salutation).HasMaxLength(20);
            e.Property(r => r.FirstName).HasMaxLength(ReferralFields.NameMaxLength);
            e.Property(r => r.Email).HasMaxLength(254);
            e.Property(r => r.Phone2).HasMaxLength(20);
            e.Property(r => r.Street).HasMaxLength(ReferralFields.TextMaxLength);
            e.Property(r => r.PostalCode).HasMaxLength(5);
            e.Property(r => r.City).HasMaxLength(ReferralFields.TextMaxLength);
            e.Property(r => r.VehicleMake).HasMaxLength(ReferralFields.TextMaxLength);
            e.Property(r => r.VehicleModel).HasMaxLength(ReferralFields.TextMaxLength);
            e.Property(r => r.Insurer).HasMaxLength(ReferralFields.TextMaxLength);
            e.Property(r => r.DamageType).HasMaxLength(30);
            e.Property(r => r.GlassPosition).HasMaxLength(30);
            e.Property(r => r.ContactTime).HasMaxLength(30);
            e.Property(r => r.RepairLocation).HasMaxLength(30);
            e.Property(r => r.PreferredBranch).HasMaxLength(ReferralFields.TextMaxLength);
            e.Property(r => r.AdditionalInfo); // ciphertext: longer than the 500 characters typed
            e.Property(r => r.Remarks);
            e.Ignore(r => r.Optional);
            e.Ignore(r => r.IsCompleted);
            e.HasIndex(r => new { r.OrganisationId, r.CreatedUtc });
            e.HasIndex(r => r.CreatedUtc);
            e.HasIndex(r => r.Surname);
        });
        modelBuilder.Entity<ReferralPhoto>(e =>
        {
            e.ToTable(Table("photos"));
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.ContentType).HasMaxLength(40);
            e.Property(p => p.StorageName).HasMaxLength(60);
            e.Property(p => p.RemovedMetadata).HasMaxLength(500);
            e.HasOne<Referral>().WithMany().HasForeignKey(p => p.ReferralId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PostkorbTicket>(e =>
        {
            e.ToTable(Table("tickets"));
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Property(t => t.Subject); // ciphertext
            e.Property(t => t.State).HasConversion<string>().HasMaxLength(20);
            e.HasOne<Referral>().WithMany().HasForeignKey(t => t.ReferralId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(t => t.Messages).WithOne().HasForeignKey(m => m.TicketId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<PostkorbMessage>(e =>
        {
            e.ToTable(Table("messages"));
            e.HasKey(m => m.Id);
            e.Property(m => m.Id).ValueGeneratedNever();
            e.Property(m => m.Body); // ciphertext
        });
        modelBuilder.Entity<CommissionTally>(e =>
        {
            e.ToTable(Table("commission_tallies"));
            e.HasKey(t => new { t.OrganisationId, t.Month, t.Mode, t.Outcome });
            e.Property(t => t.Mode).HasMaxLength(20);
            e.Property(t => t.Outcome).HasMaxLength(30);
        });
    }
}
