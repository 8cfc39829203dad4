using Glasklar.Platform.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Persistence;

/// <summary>The platform's own tables: organisations now; identity, audit and access log follow.</summary>
public sealed class PlatformDbContext(DbContextOptions<PlatformDbContext> options, DbSession session)
    : ModuleDbContext(options, session)
{
    public const string Module = "platform";

    public override string ModuleName => Module;

    public DbSet<Organisation> Organisations => Set<Organisation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        modelBuilder.Entity<Organisation>(e =>
        {
            e.ToTable(Table("organisations"));
            e.HasKey(o => o.Id);
            e.Property(o => o.Id).ValueGeneratedNever();
            e.Property(o => o.Name).HasMaxLength(Organisation.NameMaxLength).IsRequired();
            e.Property(o => o.Kind).HasConversion<string>().HasMaxLength(40).IsRequired();
            e.Property(o => o.IsActive).IsRequired();
            e.Property(o => o.CreatedUtc).IsRequired();
            e.HasIndex(o => o.Kind);
        });
    }
}
