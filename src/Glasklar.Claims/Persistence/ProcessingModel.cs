using Glasklar.Claims.Documents;
using Glasklar.Claims.Messages;
using Glasklar.Claims.Submission;
using Glasklar.Claims.Timeline;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Persistence;

/// <summary>Tables of claim processing: timeline events, document requests and portal messages (migration 20261203100200).</summary>
internal static class ProcessingModel
{
    public const int EventKindMaxLength = 30;

    public static void Configure(ModelBuilder modelBuilder, Func<string, string> table)
    {
        modelBuilder.Entity<ClaimEvent>(e =>
        {
            e.ToTable(table("events"));
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Kind).HasConversion<string>().HasMaxLength(EventKindMaxLength).IsRequired();
            e.HasIndex(x => x.ClaimId);
            e.HasOne<Claim>().WithMany().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<DocumentRequest>(e =>
        {
            e.ToTable(table("document_requests"));
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.DescriptionProtected).IsRequired();
            e.Ignore(x => x.IsOpen);
            e.HasIndex(x => x.ClaimId);
            e.HasIndex(x => new { x.FulfilledUtc, x.DueDate });
            e.HasOne<Claim>().WithMany().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ClaimMessage>(e =>
        {
            e.ToTable(table("messages"));
            e.HasKey(x => x.Id);
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.TextProtected).IsRequired();
            e.HasIndex(x => x.ClaimId);
            e.HasOne<Claim>().WithMany().HasForeignKey(x => x.ClaimId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
