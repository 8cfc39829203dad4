using Glasklar.Telematics.Contracts;
using Glasklar.Telematics.Portal;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Persistence;

/// <summary>The customer portal's tables: theft-alert zones, their alerts, and export jobs (ADR 0022).</summary>
internal static class PortalModel
{
    public static void Configure(ModelBuilder modelBuilder, Func<string, string> table)
    {
        modelBuilder.Entity<Geofence>(e =>
        {
            e.ToTable(table("geofences"));
            e.HasKey(g => g.Id);
            e.Property(g => g.Id).ValueGeneratedNever();
            e.Property(g => g.Name).HasMaxLength(Geofence.NameMaxLength).IsRequired();
            e.Property(g => g.Polygon).HasMaxLength(Geofence.PolygonMaxLength).IsRequired();
            e.Property(g => g.Shape).HasConversion<int>();
            e.HasIndex(g => new { g.BoxId, g.Armed });
            e.HasOne<Box>().WithMany().HasForeignKey(g => g.BoxId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<GeofenceAlert>(e =>
        {
            e.ToTable(table("geofence_alerts"));
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.HasIndex(a => a.BoxId);
            e.HasIndex(a => a.MailSentUtc);
            e.HasOne<Box>().WithMany().HasForeignKey(a => a.BoxId).OnDelete(DeleteBehavior.Cascade);
            e.HasOne<Geofence>().WithMany().HasForeignKey(a => a.GeofenceId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ExportJob>(e =>
        {
            e.ToTable(table("export_jobs"));
            e.HasKey(j => j.Id);
            e.Property(j => j.Id).ValueGeneratedNever();
            e.Property(j => j.Format).HasConversion<int>();
            e.Property(j => j.Status).HasConversion<int>();
            e.Ignore(j => j.Percent);
            e.HasIndex(j => j.CustomerUserId);
            e.HasIndex(j => j.Status);
        });
    }
}
