using Glasklar.Claims.Contracts;
using Glasklar.Claims.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Registration;

/// <summary>The result of a link request; <see cref="Throttled"/>: too many failed attempts, nothing was checked.</summary>
internal sealed record LinkOutcome(ContractView? Contract, IReadOnlyDictionary<string, string[]> Errors, bool Throttled = false);

/// <summary>
/// Linking a contract (B1, B2) with limits on failed attempts, so a birth date cannot be guessed: after
/// <see cref="RegistrationOptions.LinkAttemptsPerWindow"/> failures of the account, or
/// <see cref="RegistrationOptions.LinkAttemptsPerAddressPerWindow"/> failures from the client's IP address
/// across accounts, within the window the form refuses until the oldest failure has left it.
/// </summary>
internal sealed class ContractLinking(ContractService contracts, ClaimsDbContext db, LinkAddressLimit addresses, IOptions<RegistrationOptions> options, TimeProvider clock)
{
    public async Task<LinkOutcome> LinkAsync(Guid userId, string clientAddress, LinkContractRequest request, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = clock.GetUtcNow().UtcDateTime;
        var window = TimeSpan.FromMinutes(settings.LinkAttemptWindowMinutes);
        var since = now - window;
        var failures = await db.LinkAttempts.Where(a => a.UserId == userId && a.AttemptedUtc > since)
            .OrderBy(a => a.AttemptedUtc).Select(a => a.AttemptedUtc).ToListAsync(cancellationToken);
        DateTime? accountFree = failures.Count >= settings.LinkAttemptsPerWindow ? failures[^settings.LinkAttemptsPerWindow] + window : null;
        var addressFree = addresses.BlockedUntil(clientAddress, settings.LinkAttemptsPerAddressPerWindow, window);
        if (accountFree is not null || addressFree is not null)
        {
            var free = new[] { accountFree ?? now, addressFree ?? now }.Max();
            var minutes = Math.Max(1, (int)Math.Ceiling((free - now).TotalMinutes));
            return new LinkOutcome(null, new Dictionary<string, string[]>
            {
                ["policyNumber"] = [$"Zu viele fehlgeschlagene Versuche. Aus Sicherheitsgründen können Sie erst in {minutes} Minuten erneut einen Vertrag verknüpfen."],
            }, Throttled: true);
        }

        var result = await contracts.LinkAsync(userId, request, cancellationToken);
        var complete = !string.IsNullOrWhiteSpace(request.PolicyNumber) && request.BirthDate is not null;
        if (result.Contract is null && complete)
        {
            addresses.RecordFailure(clientAddress, settings.LinkAttemptsPerAddressPerWindow, window);
            db.LinkAttempts.Add(new LinkAttempt(Guid.NewGuid(), userId, now));
            await db.SaveChangesAsync(cancellationToken);
        }

        return new LinkOutcome(result.Contract, result.Errors);
    }
}
