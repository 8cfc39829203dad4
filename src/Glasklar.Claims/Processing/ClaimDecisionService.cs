using Glasklar.Claims.Persistence;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Processing;

/// <summary>POST /api/v1/claims/queue/{id}/decision: one decision per item (EUR, reason when less than claimed).</summary>
public sealed record DecisionRequest(IReadOnlyList<ItemDecisionInput>? Items);

public sealed record ItemDecisionInput(Guid ItemId, decimal? Reimbursed, string? Reason);

internal sealed record DecisionResult(bool Found, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Found && Errors.Count == 0;
}

/// <summary>The clerk decides every item at once; the claim is then settled and the benefit statement visible (B3).</summary>
internal sealed class ClaimDecisionService(ClaimsDbContext db, DbSession session, ClaimsProtector protector, AuditLog audit, TimeProvider clock)
{
    public const int MaxReasonLength = 1000;

    public async Task<DecisionResult> DecideAsync(Guid clerkUserId, string? ipAddress, Guid claimId, DecisionRequest request, CancellationToken cancellationToken)
    {
        // Tenant filter: a clerk finds only claims of the own insurer.
        var claim = await db.Claims.Include(c => c.Items).SingleOrDefaultAsync(c => c.Id == claimId && !c.Restricted, cancellationToken);
        if (claim is null)
        {
            return new DecisionResult(false, new Dictionary<string, string[]>());
        }

        var errors = new Dictionary<string, string[]>();
        if (claim.Status == ClaimStatus.Abgerechnet)
        {
            errors["claim"] = ["Dieser Antrag ist bereits abgerechnet."];
            return new DecisionResult(true, errors);
        }

        var decisions = request.Items ?? [];
        foreach (var item in claim.Items.OrderBy(i => i.Position))
        {
            var key = $"items[{item.Position - 1}]";
            var decision = decisions.FirstOrDefault(d => d.ItemId == item.Id);
            if (decision?.Reimbursed is not { } amount)
            {
                errors[$"{key}.reimbursed"] = [$"Leistung {item.Position}: Bitte geben Sie den erstatteten Betrag an."];
                continue;
            }

            var cents = amount * 100;
            if (cents < 0 || cents > item.ClaimedCents || decimal.Round(cents) != cents)
            {
                errors[$"{key}.reimbursed"] = [$"Leistung {item.Position}: Der erstattete Betrag liegt zwischen 0 und dem beantragten Betrag (höchstens zwei Nachkommastellen)."];
            }
            else if ((long)cents < item.ClaimedCents && string.IsNullOrWhiteSpace(decision.Reason))
            {
                errors[$"{key}.reason"] = [$"Leistung {item.Position}: Bitte begründen Sie, warum nicht der volle Betrag erstattet wird."];
            }
            else if (decision.Reason is { Length: > MaxReasonLength })
            {
                errors[$"{key}.reason"] = [$"Leistung {item.Position}: Die Begründung darf höchstens {MaxReasonLength} Zeichen lang sein."];
            }
        }

        if (decisions.Any(d => claim.Items.All(i => i.Id != d.ItemId)))
        {
            errors["items"] = ["Eine Entscheidung betrifft keine Leistung dieses Antrags."];
        }

        if (errors.Count > 0)
        {
            return new DecisionResult(true, errors);
        }

        foreach (var item in claim.Items)
        {
            var d = decisions.First(x => x.ItemId == item.Id);
            var reason = string.IsNullOrWhiteSpace(d.Reason) ? null : protector.Protect(ClaimsProtector.Health, d.Reason.Trim());
            item.Decide((long)(d.Reimbursed!.Value * 100), reason);
        }

        claim.Settle(clerkUserId, clock.GetUtcNow().UtcDateTime);
        return await session.InTransactionAsync(async ct =>
        {
            await db.SaveChangesAsync(ct);
            await audit.RecordTransactionAsync(clerkUserId, "claims.settled", ipAddress, ct);
            return (true, new DecisionResult(true, new Dictionary<string, string[]>()));
        }, cancellationToken);
    }
}
