using Glasklar.Platform.Identity.RecoveryCodes;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Accounts;

/// <summary>Stores recovery codes only as hashes; the plain codes are shown to the user once.</summary>
public sealed class RecoveryCodeService(PlatformDbContext db, TimeProvider clock)
{
    public async Task<IReadOnlyList<string>> ReplaceAsync(User user, CancellationToken cancellationToken)
    {
        await db.RecoveryCodes.Where(c => c.UserId == user.Id).ExecuteDeleteAsync(cancellationToken);
        var set = RecoveryCodeCredential.Generate();
        foreach (var hash in set.Hashes)
        {
            db.RecoveryCodes.Add(new RecoveryCode(Guid.NewGuid(), user.Id, hash));
        }

        await db.SaveChangesAsync(cancellationToken);
        return set.Codes;
    }

    /// <summary>Uses one unused code of the user; true if one matched (it is then spent).</summary>
    public async Task<bool> TryUseAsync(User user, string code, CancellationToken cancellationToken)
    {
        var stored = await db.RecoveryCodes.Where(c => c.UserId == user.Id && c.UsedUtc == null).ToListAsync(cancellationToken);
        var check = RecoveryCodeCredential.VerifyAndConsume(code, [.. stored.Select(c => (string?)c.Hash)]);
        if (check.MatchedIndex is not { } index)
        {
            return false;
        }

        stored[index].Use(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
