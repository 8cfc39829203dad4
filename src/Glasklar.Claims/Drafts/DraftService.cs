using System.Text.Json;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Submission;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Drafts;

/// <summary>
/// What a draft (Entwurf) keeps of the wizard: insured person, items and bank account, as far as filled in.
/// Receipts are not part of a draft: files are only accepted (and sanitised) when the claim is submitted.
/// </summary>
public sealed record DraftInput(Guid? InsuredPersonId, IReadOnlyList<ClaimItemInput>? Items, BankAccountInput? Bank);

public sealed record DraftView(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateOnly DeletedAfter, DraftInput Content);

/// <summary>Either the draft, or German errors per field; <see cref="Found"/> is false for someone else's or a deleted draft.</summary>
internal sealed record DraftResult(DraftView? Draft, IReadOnlyDictionary<string, string[]> Errors, bool Found = true)
{
    public static DraftResult NotFound() => new(null, new Dictionary<string, string[]>(), Found: false);
}

/// <summary>
/// Drafts of the customer alone (B1): never a claim, never in the clerks' queue (they live in their own
/// encrypted table), resumed, updated, discarded, and deleted by <c>DraftRetention</c> after
/// <see cref="ClaimsOptions.DraftDays"/> days without change. Every query filters by the customer's user id.
/// </summary>
internal sealed class DraftService(ClaimsDbContext db, ClaimsProtector protector, IOptions<ClaimsOptions> options, TimeProvider clock)
{
    public const int MaxDrafts = 20;
    public const int MaxTextLength = 100;

    public async Task<IReadOnlyList<DraftView>> ForCustomerAsync(Guid userId, CancellationToken cancellationToken)
    {
        var drafts = await db.Drafts.AsNoTracking().Where(d => d.CustomerUserId == userId).ToListAsync(cancellationToken);
        return [.. drafts.OrderByDescending(d => d.UpdatedUtc).Select(View)];
    }

    public async Task<DraftView?> FindAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.Drafts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == id && d.CustomerUserId == userId, cancellationToken) is { } d ? View(d) : null;

    /// <summary>Creates a draft (<paramref name="id"/> null) or updates the customer's own draft.</summary>
    public async Task<DraftResult> SaveAsync(Guid userId, Guid? id, DraftInput? input, CancellationToken cancellationToken)
    {
        var errors = Check(input);
        if (errors.Count > 0)
        {
            return new DraftResult(null, errors);
        }

        var payload = protector.Protect(ClaimsProtector.Draft, JsonSerializer.Serialize(Normalised(input!)));
        var now = clock.GetUtcNow().UtcDateTime;
        ClaimDraft draft;
        if (id is { } existing)
        {
            var found = await db.Drafts.SingleOrDefaultAsync(d => d.Id == existing && d.CustomerUserId == userId, cancellationToken);
            if (found is null)
            {
                return DraftResult.NotFound();
            }

            found.Update(payload, now);
            draft = found;
        }
        else
        {
            if (await db.Drafts.CountAsync(d => d.CustomerUserId == userId, cancellationToken) >= MaxDrafts)
            {
                return new DraftResult(null, new Dictionary<string, string[]>
                {
                    ["drafts"] = [$"Sie haben bereits {MaxDrafts} Entwürfe. Bitte reichen Sie einen ein oder verwerfen Sie einen, bevor Sie einen neuen speichern."],
                });
            }

            draft = new ClaimDraft(Guid.NewGuid(), userId, payload, now);
            db.Drafts.Add(draft);
        }

        await db.SaveChangesAsync(cancellationToken);
        return new DraftResult(View(draft), new Dictionary<string, string[]>());
    }

    public async Task<bool> DiscardAsync(Guid userId, Guid id, CancellationToken cancellationToken) =>
        await db.Drafts.Where(d => d.Id == id && d.CustomerUserId == userId).ExecuteDeleteAsync(cancellationToken) > 0;

    private DraftView View(ClaimDraft d) => new(d.Id, Utc(d.CreatedUtc), Utc(d.UpdatedUtc),
        DateOnly.FromDateTime(d.UpdatedUtc.AddDays(options.Value.DraftDays)),
        JsonSerializer.Deserialize<DraftInput>(protector.Unprotect(ClaimsProtector.Draft, d.PayloadProtected))!);

    /// <summary>A draft may be incomplete, but not oversized: limits only, no completeness checks.</summary>
    private static Dictionary<string, string[]> Check(DraftInput? input)
    {
        var errors = new Dictionary<string, string[]>();
        if (input is null)
        {
            errors["body"] = ["Bitte senden Sie den Entwurf als JSON."];
            return errors;
        }

        if (input.Items is { Count: > ClaimSubmissionService.MaxItems })
        {
            errors["items"] = [$"Ein Antrag kann höchstens {ClaimSubmissionService.MaxItems} Leistungen enthalten."];
        }

        for (var i = 0; i < (input.Items?.Count ?? 0); i++)
        {
            if (input.Items![i].Kind is { Length: > MaxTextLength })
            {
                errors[$"items[{i}].kind"] = [$"Leistung {i + 1}: Die Art darf höchstens {MaxTextLength} Zeichen lang sein."];
            }
        }

        var bank = input.Bank;
        foreach (var (field, value) in new[] { ("holder", bank?.Holder), ("iban", bank?.Iban), ("bic", bank?.Bic), ("bankName", bank?.BankName) })
        {
            if (value is { Length: > MaxTextLength })
            {
                errors[$"bank.{field}"] = [$"Die Angabe darf höchstens {MaxTextLength} Zeichen lang sein."];
            }
        }

        return errors;
    }

    private static DraftInput Normalised(DraftInput input) => new(input.InsuredPersonId, input.Items ?? [], input.Bank);

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
