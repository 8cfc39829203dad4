using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Registration;

/// <summary>EF mapping of the registration tables (called from ClaimsDbContext).</summary>
internal static class RegistrationModel
{
    public static void Configure(ModelBuilder modelBuilder, Func<string, string> table)
    {
        modelBuilder.Entity<SecurityAnswer>(e =>
        {
            e.ToTable(table("security_answers"));
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.Property(a => a.Question).HasMaxLength(SecurityAnswer.QuestionMaxLength).IsRequired();
            e.Property(a => a.AnswerHash).HasMaxLength(SecurityAnswer.HashMaxLength).IsRequired();
            e.HasIndex(a => new { a.UserId, a.Position }).IsUnique();
        });
        modelBuilder.Entity<LinkAttempt>(e =>
        {
            e.ToTable(table("link_attempts"));
            e.HasKey(a => a.Id);
            e.Property(a => a.Id).ValueGeneratedNever();
            e.HasIndex(a => new { a.UserId, a.AttemptedUtc });
        });
    }
}
