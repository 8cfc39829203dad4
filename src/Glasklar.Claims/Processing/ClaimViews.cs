using System.Text.Json;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Processing;

public sealed record ClaimSummary(Guid Id, string Number, string Status, DateTimeOffset SubmittedAt, int Items, decimal Claimed);

public sealed record ClaimItemView(Guid Id, int Position, DateOnly TreatmentDate, string Kind, decimal Claimed, decimal? Reimbursed, string? Reason);

/// <summary>Leistungsabrechnung: per item what was claimed, reimbursed and why; null until settled.</summary>
public sealed record BenefitStatement(DateTimeOffset SettledAt, decimal Claimed, decimal Reimbursed, IReadOnlyList<ClaimItemView> Items);

public sealed record BankAccountView(string Holder, string Iban, string? Bic, string? BankName);

public sealed record ClaimDetail(
    Guid Id, string Number, string Status, DateTimeOffset SubmittedAt, string PolicyNumber, string InsuredPerson,
    IReadOnlyList<ClaimItemView> Items, IReadOnlyList<Submission.ConfirmedDocument> Documents, BenefitStatement? Statement, BankAccountView? Bank);

/// <summary>Reads claims for the customer (own only) and for the insurer's clerks (tenant filter), decrypting what is shown.</summary>
internal sealed class ClaimViews(ClaimsDbContext db, DbSession session, ClaimsProtector protector)
{
    public async Task<IReadOnlyList<ClaimSummary>> ForCustomerAsync(Guid userId, CancellationToken cancellationToken)
    {
        CustomerScope.Enter(session);
        return await Summaries(db.Claims.Where(c => c.CustomerUserId == userId), cancellationToken);
    }

    /// <summary>The customer's own claim, or null (also for another customer's claim: the caller answers 404).</summary>
    public async Task<ClaimDetail?> CustomerDetailAsync(Guid userId, Guid claimId, CancellationToken cancellationToken)
    {
        CustomerScope.Enter(session);
        return await DetailAsync(db.Claims.Where(c => c.Id == claimId && c.CustomerUserId == userId), withBank: false, cancellationToken);
    }

    /// <summary>The clerk's queue: the tenant filter limits it to the clerk's insurer; restricted claims are not processed.</summary>
    public Task<IReadOnlyList<ClaimSummary>> QueueAsync(ClaimStatus? status, CancellationToken cancellationToken) =>
        Summaries(db.Claims.Where(c => !c.Restricted && (status == null || c.Status == status)), cancellationToken);

    public Task<ClaimDetail?> ClerkDetailAsync(Guid claimId, CancellationToken cancellationToken) =>
        DetailAsync(db.Claims.Where(c => c.Id == claimId && !c.Restricted), withBank: true, cancellationToken);

    private static async Task<IReadOnlyList<ClaimSummary>> Summaries(IQueryable<Claim> claims, CancellationToken cancellationToken)
    {
        var rows = await claims.AsNoTracking().OrderByDescending(c => c.SubmittedUtc)
            .Select(c => new { c.Id, c.Number, c.Status, c.SubmittedUtc, Items = c.Items.Count, Claimed = c.Items.Sum(i => i.ClaimedCents) })
            .ToListAsync(cancellationToken);
        return rows.Select(r => new ClaimSummary(r.Id, r.Number, StatusText(r.Status), Utc(r.SubmittedUtc), r.Items, r.Claimed / 100m)).ToList();
    }

    private async Task<ClaimDetail?> DetailAsync(IQueryable<Claim> query, bool withBank, CancellationToken cancellationToken)
    {
        var claim = await query.AsNoTracking().Include(c => c.Items).Include(c => c.Receipts).SingleOrDefaultAsync(cancellationToken);
        if (claim is null)
        {
            return null;
        }

        var contract = await db.Contracts.AsNoTracking().Include(c => c.InsuredPersons).SingleAsync(c => c.Id == claim.ContractId, cancellationToken);
        var person = contract.InsuredPersons.Single(p => p.Id == claim.InsuredPersonId);
        var items = claim.Items.OrderBy(i => i.Position).Select(ItemView).ToList();
        var documents = claim.Receipts.OrderBy(r => r.Position)
            .Select(r => new Submission.ConfirmedDocument(r.Position, protector.Unprotect(ClaimsProtector.Receipt, r.FileNameProtected), r.ContentType, r.Size))
            .ToList();
        var statement = claim.SettledUtc is { } settled
            ? new BenefitStatement(Utc(settled), items.Sum(i => i.Claimed), items.Sum(i => i.Reimbursed ?? 0), items)
            : null;
        BankAccountView? bank = null;
        if (withBank)
        {
            var b = JsonSerializer.Deserialize<BankAccount>(protector.Unprotect(ClaimsProtector.Bank, claim.BankProtected))!;
            bank = new BankAccountView(b.Holder, b.Iban, b.Bic, b.BankName);
        }

        return new ClaimDetail(claim.Id, claim.Number, StatusText(claim.Status), Utc(claim.SubmittedUtc), contract.PolicyNumber,
            $"{person.FirstName} {person.LastName}", items, documents, statement, bank);
    }

    internal ClaimItemView ItemView(ClaimItem item)
    {
        var details = JsonSerializer.Deserialize<ItemDetails>(protector.Unprotect(ClaimsProtector.Health, item.DetailsProtected))!;
        return new ClaimItemView(item.Id, item.Position, details.TreatmentDate, TreatmentKinds.German(details.Kind), item.ClaimedCents / 100m,
            item.ReimbursedCents / 100m, item.ReasonProtected is null ? null : protector.Unprotect(ClaimsProtector.Health, item.ReasonProtected));
    }

    public static string StatusText(ClaimStatus status) => status switch
    {
        ClaimStatus.Eingegangen => "Eingegangen – in Bearbeitung",
        _ => "Abgerechnet",
    };

    private static DateTimeOffset Utc(DateTime value) => new(DateTime.SpecifyKind(value, DateTimeKind.Utc));
}
