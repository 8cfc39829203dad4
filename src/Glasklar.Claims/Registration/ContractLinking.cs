using Glasklar.Claims.Contracts;
using Glasklar.Claims.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Registration;

/// <summary>The result of a link request; <see cref="Throttled"/>: too many failed attempts, nothing was checked.</summary>
internal sealed record LinkOutcome(ContractView? Contract, IReadOnlyDictionary<string, string[]> Errors, bool Throttled = false);

/// <summary>
/// Linking a contract (B1, B2) with a limit on failed attempts per account, so a birth date cannot be
/// guessed: after <see cref="RegistrationOptions.LinkAttemptsPerWindow"/> failures within the window the
/// form refuses until the oldest failure has left it.
/// </summary>
internal sealed class ContractLinking(ContractService contracts, ClaimsDbContext db, IOptions<RegistrationOptions> options, TimeProvider clock)
{
    public async Task<LinkOutcome> LinkAsync(Guid userId, LinkContractRequest request, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var window = TimeSpan.FromMinutes(options.Value.LinkAttemptWindowMinutes);
        var since = now - window;
        var failures = await db.LinkAttempts.Where(a => a.UserId == userId && a.AttemptedUtc > since)
            .OrderBy(a => a.AttemptedUtc).Select(a => a.AttemptedUtc).ToListAsync(cancellationToken);
        if (failures.Count >= options.Value.LinkAttemptsPerWindow)
        {
            var minutes = Math.Max(1, (int)Math.Ceiling((failures[^options.Value.LinkAttemptsPerWindow] + window - now).TotalMinutes));
            return new LinkOutcome(null, new Dictionary<string, string[]>
            {
                ["policyNumber"] = [$"Zu viele fehlgeschlagene Versuche. Aus Sicherheitsgründen können Sie erst in {minutes} Minuten erneut einen Vertrag verknüpfen."],
            }, Throttled: true);
        }

        var result = await contracts.LinkAsync(userId, request, cancellationToken);
        var complete = !string.IsNullOrWhiteSpace(request.PolicyNumber) && request.BirthDate is not null;
        if (result.Contract is null && complete)
        {
            db.LinkAttempts.Add(new LinkAttempt(Guid.NewGuid(), userId, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new LinkOutcome(result.Contract, result.Errors);
    }
}
