using System.Globalization;
using Glasklar.Claims.Persistence;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Contracts;

/// <summary>POST /api/v1/claims/contracts/link: Versicherungsnummer plus the policyholder's birth date.</summary>
public sealed record LinkContractRequest(string? PolicyNumber, DateOnly? BirthDate);

public sealed record ContractView(Guid Id, string PolicyNumber, string Policyholder, string CoverSummary, IReadOnlyList<InsuredPersonView> InsuredPersons);

public sealed record InsuredPersonView(Guid Id, string Salutation, string FirstName, string LastName, DateOnly BirthDate);

internal sealed record LinkResult(ContractView? Contract, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>The customer's contracts: linking (B1, B2) and the contract view.</summary>
internal sealed class ContractService(ClaimsDbContext db, DbSession session, ClaimsProtector protector, TimeProvider clock)
{
    private const string NoMatch = "Versicherungsnummer und Geburtsdatum passen zu keinem Vertrag. Bitte prüfen Sie beide Angaben.";

    public async Task<LinkResult> LinkAsync(Guid userId, LinkContractRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.PolicyNumber))
        {
            errors["policyNumber"] = ["Bitte geben Sie die Versicherungsnummer an."];
        }

        if (request.BirthDate is null)
        {
            errors["birthDate"] = ["Bitte geben Sie das Geburtsdatum des Versicherungsnehmers an."];
        }

        if (errors.Count > 0)
        {
            return new LinkResult(null, errors);
        }

        CustomerScope.Enter(session);
        var number = InsuranceContract.NormalisePolicyNumber(request.PolicyNumber!);
        var contract = await db.Contracts.Include(c => c.InsuredPersons).SingleOrDefaultAsync(c => c.PolicyNumber == number, cancellationToken);

        // Same answer for an unknown number and a wrong birth date, so the form reveals no contract.
        if (contract is null || protector.Unprotect(ClaimsProtector.BirthDate, contract.PolicyholderBirthDateProtected) != Format(request.BirthDate!.Value))
        {
            return new LinkResult(null, new Dictionary<string, string[]> { ["birthDate"] = [NoMatch] });
        }

        if (contract.LinkedUserId is { } linked && linked != userId)
        {
            return new LinkResult(null, new Dictionary<string, string[]>
            {
                ["policyNumber"] = ["Dieser Vertrag ist bereits mit einem anderen Kundenkonto verknüpft. Bitte wenden Sie sich an den Kundenservice."],
            });
        }

        if (contract.LinkedUserId is null)
        {
            contract.LinkTo(userId, clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(cancellationToken);
        }

        return new LinkResult(ToView(contract), new Dictionary<string, string[]>());
    }

    public async Task<IReadOnlyList<ContractView>> ForCustomerAsync(Guid userId, CancellationToken cancellationToken)
    {
        CustomerScope.Enter(session);
        var contracts = await db.Contracts.AsNoTracking().Include(c => c.InsuredPersons)
            .Where(c => c.LinkedUserId == userId).OrderBy(c => c.PolicyNumber).ToListAsync(cancellationToken);
        return contracts.Select(ToView).ToList();
    }

    public static string Format(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    internal static ContractView ToView(InsuranceContract c) => new(
        c.Id,
        c.PolicyNumber,
        $"{c.PolicyholderSalutation} {c.PolicyholderFirstName} {c.PolicyholderLastName}",
        c.CoverSummary,
        c.InsuredPersons.OrderBy(p => p.BirthDate).Select(p => new InsuredPersonView(p.Id, p.Salutation.ToString(), p.FirstName, p.LastName, p.BirthDate)).ToList());
}
