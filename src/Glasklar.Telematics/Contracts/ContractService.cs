using Glasklar.Platform.Persistence;
using Glasklar.Telematics.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Telematics.Contracts;

/// <summary>Typed outcome of a contract or box operation (no exceptions for expected failures).</summary>
internal sealed record ContractResult(bool Succeeded, string? Field = null, string? Problem = null)
{
    public static readonly ContractResult Ok = new(true);

    public static ContractResult Fail(string field, string problem) => new(false, field, problem);
}

/// <summary>
/// Contract lifecycle: base data at the start (C1), boxes assigned and activated, revocation that
/// deactivates every box of the contract at once (C18), contract end that starts the deletion clock (C16).
/// Every operation runs in one transaction on the scope's session.
/// </summary>
internal sealed class ContractService(DbSession session, TelematicsDbContext db, BoxDirectory directory, TelematicsProtector protector, TimeProvider clock)
{
    public Task<ContractResult> CreateAsync(TelematicsContract contract, CancellationToken cancellationToken) =>
        CreateAsync(contract, null, cancellationToken);

    /// <summary>Creates the contract; an IBAN given is checked and stored only encrypted (<see cref="TelematicsProtector"/>).</summary>
    public async Task<ContractResult> CreateAsync(TelematicsContract contract, string? iban, CancellationToken cancellationToken)
    {
        var normalIban = string.IsNullOrWhiteSpace(iban) ? "" : IbanFormat.Normalise(iban);
        if (normalIban is null)
        {
            return ContractResult.Fail("iban", "Die IBAN ist ungültig. Bitte prüfen Sie Länderkennung, Prüfziffer und Länge.");
        }

        if (string.IsNullOrWhiteSpace(contract.ContractNumber))
        {
            return ContractResult.Fail("contractNumber", "Bitte geben Sie die Vertragsnummer an.");
        }

        if (string.IsNullOrWhiteSpace(contract.LastName))
        {
            return ContractResult.Fail("lastName", "Bitte geben Sie den Nachnamen an.");
        }

        if (await db.Contracts.IgnoreQueryFilters().AnyAsync(c => c.ContractNumber == contract.ContractNumber, cancellationToken))
        {
            return ContractResult.Fail("contractNumber", "Diese Vertragsnummer ist bereits vergeben.");
        }

        contract.Id = contract.Id == Guid.Empty ? Guid.NewGuid() : contract.Id;
        contract.CreatedUtc = clock.GetUtcNow().UtcDateTime;
        contract.IbanProtected = protector.Protect(TelematicsProtector.Iban, normalIban);
        db.Contracts.Add(contract);
        await db.SaveChangesAsync(cancellationToken);
        return ContractResult.Ok;
    }

    public async Task<ContractResult> AssignBoxAsync(Guid contractId, Guid boxId, string imei, string vehicleId, CancellationToken cancellationToken)
    {
        if (imei.Length is < 8 or > Box.ImeiMaxLength || !imei.All(char.IsAsciiDigit))
        {
            return ContractResult.Fail("imei", "Die IMEI muss aus 8 bis 17 Ziffern bestehen.");
        }

        if (string.IsNullOrWhiteSpace(vehicleId) || vehicleId.Length > Box.VehicleIdMaxLength)
        {
            return ContractResult.Fail("vehicleId", "Bitte geben Sie eine Fahrzeug-ID mit höchstens 40 Zeichen an.");
        }

        var contract = await db.Contracts.SingleOrDefaultAsync(c => c.Id == contractId, cancellationToken);
        if (contract is null)
        {
            return ContractResult.Fail("contractId", "Der Vertrag wurde nicht gefunden.");
        }

        if (contract.RevokedUtc is not null)
        {
            return ContractResult.Fail("contractId", "Der Vertrag ist widerrufen; es kann keine Box mehr zugeordnet werden.");
        }

        if (await db.Boxes.IgnoreQueryFilters().AnyAsync(b => b.Imei == imei, cancellationToken))
        {
            return ContractResult.Fail("imei", "Diese IMEI ist bereits einer Box zugeordnet.");
        }

        db.Boxes.Add(new Box
        {
            Id = boxId == Guid.Empty ? Guid.NewGuid() : boxId,
            OrganisationId = contract.OrganisationId,
            ContractId = contract.Id,
            Imei = imei,
            VehicleId = vehicleId,
            Status = BoxStatus.Registered,
        });
        await db.SaveChangesAsync(cancellationToken);
        return ContractResult.Ok;
    }

    public async Task<ContractResult> ActivateAsync(string imei, CancellationToken cancellationToken)
    {
        var box = await db.Boxes.SingleOrDefaultAsync(b => b.Imei == imei, cancellationToken);
        if (box is null)
        {
            return ContractResult.Fail("imei", "Zu dieser IMEI gibt es keine Box.");
        }

        var contract = await db.Contracts.SingleAsync(c => c.Id == box.ContractId, cancellationToken);
        if (contract.RevokedUtc is not null || box.Status == BoxStatus.Deactivated)
        {
            return ContractResult.Fail("imei", "Die Box ist nach einem Widerruf oder Vertragsende deaktiviert und kann nicht wieder aktiviert werden.");
        }

        box.Status = BoxStatus.Active;
        box.ActivatedUtc ??= clock.GetUtcNow().UtcDateTime;
        await db.SaveChangesAsync(cancellationToken);
        directory.Forget(imei);
        return ContractResult.Ok;
    }

    /// <summary>Revocation (Widerruf): every box of the contract stops collecting at once (C18).</summary>
    public Task<ContractResult> RevokeAsync(Guid contractId, CancellationToken cancellationToken) =>
        StopAsync(contractId, endsOn: null, cancellationToken);

    /// <summary>Contract end: the boxes stop, and the deletion clock starts (C16).</summary>
    public Task<ContractResult> EndAsync(Guid contractId, DateOnly endsOn, CancellationToken cancellationToken) =>
        StopAsync(contractId, endsOn, cancellationToken);

    private async Task<ContractResult> StopAsync(Guid contractId, DateOnly? endsOn, CancellationToken cancellationToken)
    {
        return await session.InTransactionAsync(async ct =>
        {
            var contract = await db.Contracts.SingleOrDefaultAsync(c => c.Id == contractId, ct);
            if (contract is null)
            {
                return (false, ContractResult.Fail("contractId", "Der Vertrag wurde nicht gefunden."));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (endsOn is { } end)
            {
                contract.EndsOn = end;
            }
            else
            {
                contract.RevokedUtc ??= now;
                contract.EndsOn ??= DateOnly.FromDateTime(now);
            }

            var boxes = await db.Boxes.Where(b => b.ContractId == contractId).ToListAsync(ct);
            foreach (var box in boxes)
            {
                box.Status = BoxStatus.Deactivated;
                box.DeactivatedUtc ??= now;
            }

            await db.SaveChangesAsync(ct);
            foreach (var box in boxes)
            {
                directory.Forget(box.Imei);
            }

            return (true, ContractResult.Ok);
        }, cancellationToken);
    }
}
