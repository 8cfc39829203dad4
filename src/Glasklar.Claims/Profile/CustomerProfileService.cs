using System.Text.Json;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Submission;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Profile;

/// <summary>The bank account saved in the profile: prefills the wizard, checked like a claim's (IBAN mod-97, BIC).</summary>
internal sealed class CustomerProfileService(ClaimsDbContext db, ClaimsProtector protector, TimeProvider clock)
{
    public async Task<BankAccountInput?> BankAsync(Guid userId, CancellationToken cancellationToken)
    {
        var stored = await db.Profiles.AsNoTracking().Where(p => p.CustomerUserId == userId).Select(p => p.BankProtected).SingleOrDefaultAsync(cancellationToken);
        if (stored is null)
        {
            return null;
        }

        var bank = JsonSerializer.Deserialize<BankAccount>(protector.Unprotect(ClaimsProtector.Bank, stored))!;
        return new BankAccountInput(bank.Holder, bank.Iban, bank.Bic, bank.BankName);
    }

    /// <summary>Saves the account after the same checks as a claim; on errors nothing is stored.</summary>
    public async Task<IReadOnlyDictionary<string, string[]>> SaveBankAsync(Guid userId, BankAccountInput? input, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var bank = ClaimSubmissionService.CheckBank(input, errors);
        if (bank is null)
        {
            return errors;
        }

        await SetAsync(userId, protector.Protect(ClaimsProtector.Bank, JsonSerializer.Serialize(bank)), cancellationToken);
        return errors;
    }

    public Task RemoveBankAsync(Guid userId, CancellationToken cancellationToken) => SetAsync(userId, null, cancellationToken);

    private async Task SetAsync(Guid userId, string? bankProtected, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var profile = await db.Profiles.SingleOrDefaultAsync(p => p.CustomerUserId == userId, cancellationToken);
        if (profile is null)
        {
            profile = new CustomerProfile(userId, now);
            db.Profiles.Add(profile);
        }

        profile.SetBank(bankProtected, now);
        await db.SaveChangesAsync(cancellationToken);
    }
}
