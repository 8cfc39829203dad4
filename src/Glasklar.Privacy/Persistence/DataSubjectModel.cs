using Glasklar.Privacy.DataSubjects;
using Glasklar.Privacy.Retention;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Privacy.Persistence;

/// <summary>Tables of legal holds, data-subject requests and restrictions (kept out of the context for size).</summary>
internal static class DataSubjectModel
{
    public static void Configure(ModelBuilder modelBuilder, Func<string, string> table)
    {
        modelBuilder.Entity<LegalHold>(e =>
        {
            e.ToTable(table("legal_holds"));
            e.HasKey(h => h.Id);
            e.Property(h => h.Id).ValueGeneratedNever();
            e.Property(h => h.SubjectRef).HasMaxLength(LegalHold.SubjectMaxLength).IsRequired();
            e.Property(h => h.Category).HasMaxLength(LegalHold.CategoryMaxLength).IsRequired();
            e.Property(h => h.Reason).HasMaxLength(LegalHold.ReasonMaxLength).IsRequired();
            e.HasIndex(h => h.SubjectRef);
        });

        modelBuilder.Entity<SubjectRequest>(e =>
        {
            e.ToTable(table("subject_requests"));
            e.HasKey(r => r.Id);
            e.Property(r => r.Id).ValueGeneratedNever();
            e.Property(r => r.Kind).HasConversion<string>().HasMaxLength(20).IsRequired();
            e.Property(r => r.State).HasConversion<string>().HasMaxLength(20).IsRequired();
            e.Property(r => r.SubjectEmail).HasMaxLength(SubjectRequest.ValueMaxLength);
            e.Property(r => r.SubjectSurname).HasMaxLength(SubjectRequest.ValueMaxLength);
            e.Property(r => r.SubjectPolicyNumber).HasMaxLength(SubjectRequest.ValueMaxLength);
            e.Property(r => r.SubjectPhone).HasMaxLength(SubjectRequest.ValueMaxLength);
            e.Property(r => r.SubjectLicencePlate).HasMaxLength(SubjectRequest.ValueMaxLength);
            e.Property(r => r.Details).HasMaxLength(SubjectRequest.DetailsMaxLength);
            e.Property(r => r.IdentityCheck).HasMaxLength(SubjectRequest.ValueMaxLength);
            e.Property(r => r.Answer).HasMaxLength(SubjectRequest.AnswerMaxLength);
            e.Ignore(r => r.Subject);
            e.Ignore(r => r.IsOpen);
            e.HasIndex(r => r.SubjectUserId);
            e.HasIndex(r => r.DueOn);
        });

        modelBuilder.Entity<ProcessingRestriction>(e =>
        {
            e.ToTable(table("restrictions"));
            e.HasKey(r => r.SubjectRef);
            e.Property(r => r.SubjectRef).HasMaxLength(LegalHold.SubjectMaxLength).ValueGeneratedNever();
        });
    }
}
