using Glasklar.Claims.Contracts;
using Glasklar.Claims.Profile;
using Glasklar.Claims.Registration;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Persistence;

/// <summary>The claims module's tables (schema "claims" on PostgreSQL, prefix "claims_" everywhere).</summary>
internal sealed class ClaimsDbContext(DbContextOptions<ClaimsDbContext> options, DbSession session)
    : ModuleDbContext(options, session)
{
    public const string Module = "claims";

    public const int EnumMaxLength = 20;

    public override string ModuleName => Module;

    public DbSet<InsuranceContract> Contracts => Set<InsuranceContract>();

    public DbSet<InsuredPerson> InsuredPersons => Set<InsuredPerson>();

    public DbSet<Claim> Claims => Set<Claim>();

    public DbSet<ClaimItem> ClaimItems => Set<ClaimItem>();

    public DbSet<ClaimReceipt> Receipts => Set<ClaimReceipt>();

    public DbSet<ClaimDraft> Drafts => Set<ClaimDraft>();

    public DbSet<CustomerProfile> Profiles => Set<CustomerProfile>();

    public DbSet<SecurityAnswer> SecurityAnswers => Set<SecurityAnswer>();

    public DbSet<LinkAttempt> LinkAttempts => Set<LinkAttempt>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<InsuranceContract>(e =>
        {
            e.ToTable(Table("contracts"));
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.PolicyNumber).HasMaxLength(InsuranceContract.PolicyNumberMaxLength).IsRequired();
            e.Property(c => c.PolicyholderSalutation).HasConversion<string>().HasMaxLength(EnumMaxLength).IsRequired();
            e.Property(c => c.PolicyholderFirstName).HasMaxLength(InsuranceContract.NameMaxLength).IsRequired();
            e.Property(c => c.PolicyholderLastName).HasMaxLength(InsuranceContract.NameMaxLength).IsRequired();
            e.Property(c => c.PolicyholderBirthDateProtected).IsRequired();
            e.Property(c => c.CoverSummary).HasMaxLength(InsuranceContract.CoverMaxLength).IsRequired();
            e.HasIndex(c => c.PolicyNumber).IsUnique();
            e.HasIndex(c => c.LinkedUserId);
            e.HasMany(c => c.InsuredPersons).WithOne().HasForeignKey(p => p.ContractId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(c => c.InsuredPersons).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<InsuredPerson>(e =>
        {
            e.ToTable(Table("insured_persons"));
            e.HasKey(p => p.Id);
            e.Property(p => p.Id).ValueGeneratedNever();
            e.Property(p => p.Salutation).HasConversion<string>().HasMaxLength(EnumMaxLength).IsRequired();
            e.Property(p => p.FirstName).HasMaxLength(InsuranceContract.NameMaxLength).IsRequired();
            e.Property(p => p.LastName).HasMaxLength(InsuranceContract.NameMaxLength).IsRequired();
        });
        modelBuilder.Entity<Claim>(e =>
        {
            e.ToTable(Table("claims"));
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.Number).HasMaxLength(Claim.NumberMaxLength).IsRequired();
            e.Property(c => c.BankProtected).IsRequired();
            e.Property(c => c.Status).HasConversion<string>().HasMaxLength(EnumMaxLength).IsRequired();
            e.HasIndex(c => c.Number).IsUnique();
            e.HasIndex(c => c.CustomerUserId);
            e.HasIndex(c => new { c.OrganisationId, c.Status });
            e.HasOne<InsuranceContract>().WithMany().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Restrict);
            e.HasMany(c => c.Items).WithOne().HasForeignKey(i => i.ClaimId).OnDelete(DeleteBehavior.Cascade);
            e.HasMany(c => c.Receipts).WithOne().HasForeignKey(r => r.ClaimId).OnDelete(DeleteBehavior.Cascade);
            e.Navigation(c => c.Items).UsePropertyAccessMode(PropertyAccessMode.Field);
            e.Navigation(c => c.Receipts).UsePropertyAccessMode(PropertyAccessMode.Field);
        });
        modelBuilder.Entity<ClaimItem>(e =>
        {
            e.ToTable(Table("claim_items"));
            e.HasKey(i => i.Id);
            e.Property(i => i.Id).ValueGeneratedNever();
            e.Property(i => i.DetailsProtected).IsRequired();
        });
        modelBuilder.Entity<ClaimReceipt>(e =>
        {
            e.ToTable(Table("receipts"));
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.FileNameProtected).IsRequired();
            e.Property(r => r.ContentType).HasMaxLength(ClaimReceipt.ContentTypeMaxLength).IsRequired();
            e.Property(r => r.ContentProtected).IsRequired();
        });
        modelBuilder.Entity<ClaimDraft>(e =>
        {
            e.ToTable(Table("drafts"));
            e.HasKey(d => d.Id);
            e.Property(d => d.Id).ValueGeneratedNever();
            e.Property(d => d.PayloadProtected).IsRequired();
            e.HasIndex(d => d.CustomerUserId);
        });
        modelBuilder.Entity<CustomerProfile>(e =>
        {
            e.ToTable(Table("customer_profiles"));
            e.HasKey(p => p.CustomerUserId);
            e.Property(p => p.CustomerUserId).ValueGeneratedNever();
        });
        RegistrationModel.Configure(modelBuilder, Table);
        ProcessingModel.Configure(modelBuilder, Table);
    }
}
