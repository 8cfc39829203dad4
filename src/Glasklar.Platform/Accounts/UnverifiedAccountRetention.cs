using Glasklar.Platform.Persistence;
using Glasklar.Platform.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Accounts;

/// <summary>Settings under <c>Glasklar:Accounts</c>.</summary>
public sealed class AccountRetentionOptions
{
    public const string Section = "Glasklar:Accounts";

    /// <summary>An account whose e-mail address was never confirmed is deleted after this many days (default 7, issue 6 §10).</summary>
    public int UnverifiedAccountDays { get; set; } = 7;
}

/// <summary>
/// Registrations that were never confirmed (the link was never opened) are deleted with everything the
/// platform holds about them (B13). Such an account never logged in, so nothing of it can be under a hold.
/// Modules with rows of their own for an account (e.g. security answers) remove those themselves.
/// </summary>
internal sealed class UnverifiedAccountRetention(PlatformDbContext db, IOptions<AccountRetentionOptions> options) : IRetentionRule
{
    public const string Category = "Nie bestätigte Registrierungen";

    public RetentionPolicy Policy => new(Category, TimeSpan.FromDays(options.Value.UnverifiedAccountDays), "Registrierung (Link nie geöffnet)", RetentionAction.Delete);

    public async Task<RetentionOutcome> ApplyAsync(RetentionContext context, CancellationToken cancellationToken)
    {
        var cutoff = context.NowUtc.AddDays(-options.Value.UnverifiedAccountDays);
        var ids = await db.Users.Where(u => u.EmailVerifiedUtc == null && u.CreatedUtc < cutoff).Select(u => u.Id).ToListAsync(cancellationToken);
        var deleted = 0;
        foreach (var chunk in ids.Chunk(200))
        {
            await db.Sessions.Where(s => chunk.Contains(s.UserId)).ExecuteDeleteAsync(cancellationToken);
            await db.RecoveryCodes.Where(c => chunk.Contains(c.UserId)).ExecuteDeleteAsync(cancellationToken);
            await db.AccountTokens.Where(t => chunk.Contains(t.UserId)).ExecuteDeleteAsync(cancellationToken);
            await db.LastTransactions.Where(t => chunk.Contains(t.UserId)).ExecuteDeleteAsync(cancellationToken);
            await db.Set<UserRole>().Where(r => chunk.Contains(r.UserId)).ExecuteDeleteAsync(cancellationToken);
            deleted += await db.Users.Where(u => chunk.Contains(u.Id) && u.EmailVerifiedUtc == null).ExecuteDeleteAsync(cancellationToken);
        }

        return new RetentionOutcome(Category, deleted, 0, 0);
    }
}
