using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Trips;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Persistence;

/// <summary>
/// The telematics tables (schema "telematics" on PostgreSQL, prefix "telematics_" everywhere). Positions
/// are not in the EF model: they are written in batches on the hot path and read with plain SQL
/// (<see cref="PositionTable"/>), and on PostgreSQL the table is partitioned by month (ADR 0020).
/// </summary>
internal sealed class TelematicsDbContext(DbContextOptions<TelematicsDbContext> options, DbSession session)
    : ModuleDbContext(options, session)
{
    public const string Module = "telematics";

    public override string ModuleName => Module;

    public DbSet<TelematicsContract> Contracts => Set<TelematicsContract>();

    public DbSet<Box> Boxes => Set<Box>();

    public DbSet<Trip> Trips => Set<Trip>();

    public DbSet<TripState> TripStates => Set<TripState>();

    protected override void ConfigureModel(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<TelematicsContract>(e =>
        {
            e.ToTable(Table("contracts"));
            e.HasKey(c => c.Id);
            e.Property(c => c.Id).ValueGeneratedNever();
            e.Property(c => c.ContractNumber).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.Salutation).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.Title).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.AcademicDegree).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.FirstName).HasMaxLength(TelematicsContract.NameMaxLength).IsRequired();
            e.Property(c => c.LastName).HasMaxLength(TelematicsContract.NameMaxLength).IsRequired();
            e.Property(c => c.Street).HasMaxLength(TelematicsContract.AddressMaxLength).IsRequired();
            e.Property(c => c.PostalCode).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.City).HasMaxLength(TelematicsContract.NameMaxLength).IsRequired();
            e.Property(c => c.Email).HasMaxLength(TelematicsContract.AddressMaxLength).IsRequired();
            e.Property(c => c.Mobile).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.IbanProtected).HasMaxLength(TelematicsContract.ProtectedMaxLength).IsRequired();
            e.Property(c => c.Bic).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.LicencePlate).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.Property(c => c.MotorPolicyNumber).HasMaxLength(TelematicsContract.ShortMaxLength).IsRequired();
            e.HasIndex(c => c.ContractNumber).IsUnique();
            e.HasIndex(c => c.OrganisationId);
        });
        modelBuilder.Entity<Box>(e =>
        {
            e.ToTable(Table("boxes"));
            e.HasKey(b => b.Id);
            e.Property(b => b.Id).ValueGeneratedNever();
            e.Property(b => b.Imei).HasMaxLength(Box.ImeiMaxLength).IsRequired();
            e.Property(b => b.VehicleId).HasMaxLength(Box.VehicleIdMaxLength).IsRequired();
            e.Property(b => b.Status).HasConversion<int>();
            e.Ignore(b => b.Accepts);
            e.HasIndex(b => b.Imei).IsUnique();
            e.HasIndex(b => b.ContractId);
            e.HasOne<TelematicsContract>().WithMany().HasForeignKey(b => b.ContractId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<Trip>(e =>
        {
            e.ToTable(Table("trips"));
            e.HasKey(t => t.Id);
            e.Property(t => t.Id).ValueGeneratedNever();
            e.Ignore(t => t.Duration);
            e.HasIndex(t => new { t.BoxId, t.StartUtc }).IsUnique();
            e.HasOne<Box>().WithMany().HasForeignKey(t => t.BoxId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<TripState>(e =>
        {
            e.ToTable(Table("trip_states"));
            e.HasKey(s => s.BoxId);
            e.Property(s => s.BoxId).ValueGeneratedNever();
            e.HasOne<Box>().WithOne().HasForeignKey<TripState>(s => s.BoxId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
