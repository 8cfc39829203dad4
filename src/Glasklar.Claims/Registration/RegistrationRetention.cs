using Glasklar.Claims.Persistence;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Registration;

/// <summary>
/// The security answers of a registration that was never confirmed go after the same period as the account
/// itself (<see cref="AccountRetentionOptions.UnverifiedAccountDays"/>, platform rule), and with any account
/// that no longer exists (B13).
/// </summary>
internal sealed class SecurityAnswerRetention(ClaimsDbContext db, PlatformDbContext platform, IOptions<AccountRetentionOptions> options) : IRetentionRule
{
    public const string Category = "Sicherheitsfragen nie bestätigter Registrierungen";

    public RetentionPolicy Policy => new(Category, TimeSpan.FromDays(options.Value.UnverifiedAccountDays), "Registrierung (Link nie geöffnet)", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddDays(-options.Value.UnverifiedAccountDays);
        var owners = await db.SecurityAnswers.Select(a => a.UserId).Distinct().ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var chunk in owners.Chunk(200))
        {
            var kept = await platform.Users.Where(u => chunk.Contains(u.Id) && (u.EmailVerifiedUtc != null || u.CreatedUtc >= cutoff))
                .Select(u => u.Id).ToListAsync(cancellationToken);
            var due = chunk.Except(kept).ToList();
            deleted += await db.SecurityAnswers.Where(a => due.Contains(a.UserId)).ExecuteDeleteAsync(cancellationToken);
        }

        return new RetentionOutcome(Category, deleted, 0, 0);
    }
}

/// <summary>Failed contract-link attempts serve only the rate limit: deleted after a day.</summary>
internal sealed class LinkAttemptRetention(ClaimsDbContext db) : IRetentionRule
{
    public const string Category = "Fehlgeschlagene Vertragsverknüpfungen (Schutz vor Ausprobieren)";

    public RetentionPolicy Policy => new(Category, TimeSpan.FromDays(1), "Zeitpunkt des Versuchs", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddDays(-1);
        var deleted = await db.LinkAttempts.Where(a => a.AttemptedUtc < cutoff).ExecuteDeleteAsync(cancellationToken);
        return new RetentionOutcome(Category, deleted, 0, 0);
    }
}
