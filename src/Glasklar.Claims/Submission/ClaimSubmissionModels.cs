namespace Glasklar.Claims.Submission;

/// <summary>POST /api/v1/claims: a complete claim. Amounts in EUR (decimal), receipts as base64.</summary>
public sealed record ClaimSubmissionRequest(
    Guid? InsuredPersonId,
    IReadOnlyList<ClaimItemInput>? Items,
    IReadOnlyList<ReceiptInput>? Receipts,
    BankAccountInput? Bank,
    bool DeclarationsAccepted,
    Guid? DraftId = null);

/// <summary>Kind: ambulant, stationär, Zahn, Arznei or Hilfsmittel.</summary>
public sealed record ClaimItemInput(DateOnly? TreatmentDate, string? Kind, decimal? Amount);

public sealed record ReceiptInput(string? FileName, string? ContentBase64);

public sealed record BankAccountInput(string? Holder, string? Iban, string? Bic, string? BankName);

/// <summary>Empfangsbestätigung: number, time of receipt and the documents received.</summary>
public sealed record ReceiptConfirmation(Guid ClaimId, string Number, DateTimeOffset ReceivedAt, IReadOnlyList<ConfirmedDocument> Documents);

public sealed record ConfirmedDocument(int Position, string FileName, string ContentType, int Size);

/// <summary>Typed result: a confirmation, or errors per field (German).</summary>
internal sealed record SubmissionResult(ReceiptConfirmation? Confirmation, IReadOnlyDictionary<string, string[]> Errors)
{
    public bool Succeeded => Confirmation is not null;

    public static SubmissionResult Failed(Dictionary<string, string[]> errors) => new(null, errors);
}

/// <summary>Stored encrypted as one JSON value in <see cref="Claim.BankProtected"/>.</summary>
internal sealed record BankAccount(string Holder, string Iban, string? Bic, string? BankName);

/// <summary>Stored encrypted in <see cref="ClaimItem.DetailsProtected"/>.</summary>
internal sealed record ItemDetails(DateOnly TreatmentDate, TreatmentKind Kind);

internal static class TreatmentKinds
{
    public static TreatmentKind? Parse(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "ambulant" => TreatmentKind.Ambulant,
        "stationär" or "stationaer" => TreatmentKind.Stationaer,
        "zahn" => TreatmentKind.Zahn,
        "arznei" => TreatmentKind.Arznei,
        "hilfsmittel" => TreatmentKind.Hilfsmittel,
        _ => null,
    };

    public static string German(TreatmentKind kind) => kind switch
    {
        TreatmentKind.Ambulant => "ambulant",
        TreatmentKind.Stationaer => "stationär",
        TreatmentKind.Zahn => "Zahn",
        TreatmentKind.Arznei => "Arznei",
        _ => "Hilfsmittel",
    };
}
