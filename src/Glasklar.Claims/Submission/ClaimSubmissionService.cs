using System.Security.Cryptography;
using System.Text.Json;
using Glasklar.Claims.Persistence;
using Glasklar.Claims.Receipts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Claims.Submission;

/// <summary>
/// Submits a complete claim (B1, B3) in one transaction: every field is checked first, then the claim with
/// its items and receipts is stored encrypted, the draft (if any) removed and the user's last transaction
/// recorded (B11). On any error nothing is stored.
/// </summary>
internal sealed class ClaimSubmissionService(
    ClaimsDbContext db, DbSession session, ClaimsProtector protector, ReceiptIntake intake, ReceiptStore files, AuditLog audit, SqliteWriteGate writeGate,
    TimeProvider clock)
{
    public const int MaxItems = 50;
    public const int MaxReceipts = 20;
    public const decimal MaxAmount = 1_000_000m;

    /// <summary>The JSON variant: receipts as base64 in <see cref="ClaimSubmissionRequest.Receipts"/>.</summary>
    public Task<SubmissionResult> SubmitAsync(Guid userId, string? ipAddress, ClaimSubmissionRequest request, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var uploads = DecodeReceipts(request.Receipts, errors);
        return SubmitAsync(userId, ipAddress, request, uploads, errors, cancellationToken);
    }

    /// <summary>Receipts already as bytes (multipart, the wizard's form); <see cref="ClaimSubmissionRequest.Receipts"/> is ignored.</summary>
    public Task<SubmissionResult> SubmitAsync(Guid userId, string? ipAddress, ClaimSubmissionRequest request, IReadOnlyList<ReceiptUpload> receipts, CancellationToken cancellationToken) =>
        SubmitAsync(userId, ipAddress, request, receipts, new Dictionary<string, string[]>(), cancellationToken);

    private async Task<SubmissionResult> SubmitAsync(Guid userId, string? ipAddress, ClaimSubmissionRequest request, IReadOnlyList<ReceiptUpload?>? uploads,
        Dictionary<string, string[]> errors, CancellationToken cancellationToken)
    {
        CustomerScope.Enter(session);
        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);

        var insured = request.InsuredPersonId is { } personId
            ? await (from p in db.InsuredPersons
                     join c in db.Contracts on p.ContractId equals c.Id
                     where p.Id == personId && c.LinkedUserId == userId
                     select new { p.Id, c.OrganisationId, ContractId = c.Id }).SingleOrDefaultAsync(cancellationToken)
            : null;
        if (insured is null)
        {
            errors["insuredPersonId"] = ["Bitte wählen Sie eine versicherte Person aus einem Ihrer Verträge."];
        }

        var items = CheckItems(request.Items, today, errors);
        var receipts = CheckReceipts(uploads, errors);
        var bank = CheckBank(request.Bank, errors);
        if (!request.DeclarationsAccepted)
        {
            errors["declarationsAccepted"] = ["Bitte bestätigen Sie die Erklärungen."];
        }

        if (errors.Count > 0)
        {
            return SubmissionResult.Failed(errors);
        }

        var claim = new Claim(Guid.NewGuid(), insured!.OrganisationId, NewNumber(now), userId, insured.ContractId, insured.Id,
            protector.Protect(ClaimsProtector.Bank, JsonSerializer.Serialize(bank)), now.UtcDateTime);
        for (var i = 0; i < items.Count; i++)
        {
            var (details, cents) = items[i];
            claim.AddItem(new ClaimItem(Guid.NewGuid(), claim.Id, i + 1, protector.Protect(ClaimsProtector.Health, JsonSerializer.Serialize(details)), cents));
        }

        // The files first, each sealed and fsynced, in parallel with other submissions; then the short transaction
        // (ADR 0032). If the transaction fails, RecordAsync deletes the files again: nothing stored on errors.
        var written = new List<Guid>(receipts.Count);
        try
        {
            for (var i = 0; i < receipts.Count; i++)
            {
                var r = receipts[i];
                var receipt = new ClaimReceipt(Guid.NewGuid(), claim.Id, i + 1, protector.Protect(ClaimsProtector.Receipt, r.FileName), r.ContentType, r.Content.Length, []);
                files.Write(receipt.Id, r.Content.Span);
                written.Add(receipt.Id);
                claim.AddReceipt(receipt);
            }
        }
        catch
        {
            files.Delete(written);
            throw;
        }

        return await files.RecordAsync(written, async () =>
        {
            // On SQLite the transaction waits its turn at the process's writer gate: 20 submissions colliding in SQLite's
            // busy handler would each block a thread in its sleeps (ADR 0030).
            using var turn = session.Provider == DatabaseProvider.Sqlite ? await writeGate.EnterAsync(cancellationToken) : null;
            return await session.InTransactionAsync(async ct =>
            {
                db.Claims.Add(claim);
                if (request.DraftId is { } draftId)
                {
                    await db.Drafts.Where(d => d.Id == draftId && d.CustomerUserId == userId).ExecuteDeleteAsync(ct);
                }

                await db.SaveChangesAsync(ct);
                await audit.RecordTransactionAsync(userId, "claims.submitted", ipAddress, ct);
                var documents = receipts.Select((r, i) => new ConfirmedDocument(i + 1, r.FileName, r.ContentType, r.Content.Length)).ToList();
                return (true, new SubmissionResult(new ReceiptConfirmation(claim.Id, claim.Number, now, documents), new Dictionary<string, string[]>()));
            }, cancellationToken);
        });
    }

    private static List<(ItemDetails Details, long Cents)> CheckItems(IReadOnlyList<ClaimItemInput>? items, DateOnly today, Dictionary<string, string[]> errors)
    {
        var result = new List<(ItemDetails, long)>();
        if (items is null || items.Count == 0)
        {
            errors["items"] = ["Bitte geben Sie mindestens eine Leistung an."];
            return result;
        }

        if (items.Count > MaxItems)
        {
            errors["items"] = [$"Ein Antrag kann höchstens {MaxItems} Leistungen enthalten."];
            return result;
        }

        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var prefix = $"items[{i}]";
            var kind = TreatmentKinds.Parse(item.Kind);
            if (item.TreatmentDate is not { } date)
            {
                errors[$"{prefix}.treatmentDate"] = [$"Leistung {i + 1}: Bitte geben Sie das Behandlungsdatum an."];
            }
            else if (date > today)
            {
                errors[$"{prefix}.treatmentDate"] = [$"Leistung {i + 1}: Das Behandlungsdatum liegt in der Zukunft."];
            }
            else if (date < today.AddYears(-10))
            {
                errors[$"{prefix}.treatmentDate"] = [$"Leistung {i + 1}: Das Behandlungsdatum liegt mehr als zehn Jahre zurück."];
            }

            if (kind is null)
            {
                errors[$"{prefix}.kind"] = [$"Leistung {i + 1}: Bitte wählen Sie die Art: ambulant, stationär, Zahn, Arznei oder Hilfsmittel."];
            }

            if (item.Amount is not { } amount || amount <= 0 || amount > MaxAmount || decimal.Round(amount, 2) != amount)
            {
                errors[$"{prefix}.amount"] = [$"Leistung {i + 1}: Bitte geben Sie den Betrag in Euro an (größer als 0, höchstens zwei Nachkommastellen)."];
            }
            else if (kind is not null && item.TreatmentDate is not null)
            {
                result.Add((new ItemDetails(item.TreatmentDate.Value, kind.Value), (long)(amount * 100)));
            }
        }

        return result;
    }

    /// <summary>Base64 to bytes; an unreadable one is an error at its position and a null in the list.</summary>
    private static List<ReceiptUpload?>? DecodeReceipts(IReadOnlyList<ReceiptInput>? receipts, Dictionary<string, string[]> errors)
    {
        if (receipts is null || receipts.Count > MaxReceipts)
        {
            return receipts is null ? null : [.. receipts.Select(_ => (ReceiptUpload?)null)];
        }

        var result = new List<ReceiptUpload?>(receipts.Count);
        for (var i = 0; i < receipts.Count; i++)
        {
            try
            {
                result.Add(new ReceiptUpload(receipts[i].FileName, Convert.FromBase64String(receipts[i].ContentBase64 ?? "")));
            }
            catch (FormatException)
            {
                errors[$"receipts[{i}]"] = [$"Beleg {i + 1}: Der Dateiinhalt ist nicht lesbar (Base64 erwartet)."];
                result.Add(null);
            }
        }

        return result;
    }

    private List<AcceptedReceipt> CheckReceipts(IReadOnlyList<ReceiptUpload?>? receipts, Dictionary<string, string[]> errors)
    {
        var result = new List<AcceptedReceipt>();
        if (receipts is null || receipts.Count == 0)
        {
            errors["receipts"] = ["Bitte laden Sie mindestens einen Beleg hoch (PDF, JPEG oder PNG)."];
            return result;
        }

        if (receipts.Count > MaxReceipts)
        {
            errors["receipts"] = [$"Ein Antrag kann höchstens {MaxReceipts} Belege enthalten."];
            return result;
        }

        for (var i = 0; i < receipts.Count; i++)
        {
            if (receipts[i] is not { } upload)
            {
                continue; // not decodable: already reported
            }

            var (accepted, error) = intake.Accept(upload.FileName, upload.Content);
            if (error is not null)
            {
                errors[$"receipts[{i}]"] = [$"Beleg {i + 1}: {error}"];
            }
            else
            {
                result.Add(accepted!);
            }
        }

        return result;
    }

    internal static BankAccount? CheckBank(BankAccountInput? bank, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(bank?.Holder))
        {
            errors["bank.holder"] = ["Bitte geben Sie den Namen des Kontoinhabers an."];
        }
        else if (bank.Holder.Trim().Length > 100)
        {
            errors["bank.holder"] = ["Der Name des Kontoinhabers darf höchstens 100 Zeichen lang sein."];
        }

        if (Iban.Check(bank?.Iban) is { } ibanError)
        {
            errors["bank.iban"] = [ibanError];
        }

        if (Bic.Check(bank?.Bic) is { } bicError)
        {
            errors["bank.bic"] = [bicError];
        }

        if (bank?.BankName is { Length: > 100 })
        {
            errors["bank.bankName"] = ["Der Name der Bank darf höchstens 100 Zeichen lang sein."];
        }

        return errors.Keys.Any(k => k.StartsWith("bank.", StringComparison.Ordinal)) || bank is null
            ? null
            : new BankAccount(bank.Holder!.Trim(), Iban.Normalise(bank.Iban!), string.IsNullOrWhiteSpace(bank.Bic) ? null : Bic.Normalise(bank.Bic),
                string.IsNullOrWhiteSpace(bank.BankName) ? null : bank.BankName.Trim());
    }

    /// <summary>Antragsnummer: date of receipt plus six random characters without look-alikes (0/O, 1/I).</summary>
    private static string NewNumber(DateTimeOffset now)
    {
        const string alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        var chars = new char[6];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        }

        return $"EA-{now.UtcDateTime:yyyyMMdd}-{new string(chars)}";
    }
}
