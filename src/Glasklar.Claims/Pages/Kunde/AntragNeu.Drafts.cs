using Glasklar.Claims.Drafts;
using Glasklar.Claims.Profile;
using Glasklar.Claims.Submission;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// The wizard's drafts and profile prefill: "Als Entwurf speichern" keeps the half-finished form as a
/// draft (never a claim), a draft is resumed with <c>?entwurf=id</c> and discarded; a new form starts
/// with the bank account saved in the profile, and the customer may save the entered account there.
/// </summary>
internal sealed partial class AntragNeuModel
{
    public IReadOnlyList<DraftView> Drafts { get; private set; } = [];

    [BindProperty]
    public Guid? DraftId { get; set; }

    [BindProperty]
    public bool SaveBank { get; set; }

    [TempData]
    public string? DraftSaved { get; set; }

    private DraftService DraftService => HttpContext.RequestServices.GetRequiredService<DraftService>();

    private CustomerProfileService Profiles => HttpContext.RequestServices.GetRequiredService<CustomerProfileService>();

    public async Task<IActionResult> OnPostEntwurfAsync(CancellationToken cancellationToken)
    {
        var input = new DraftInput(InsuredPersonId, FilledItems(), new BankAccountInput(Holder, Iban, Bic, BankName));
        var result = await DraftService.SaveAsync(UserId, DraftId, input, cancellationToken);
        if (!result.Found)
        {
            return NotFound();
        }

        if (result.Draft is not { } draft)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Contracts = await contracts.ForCustomerAsync(UserId, cancellationToken);
            return Page();
        }

        DraftSaved = $"Ihr Entwurf ist gespeichert. Er wird am {draft.DeletedAfter:dd.MM.yyyy} gelöscht, wenn Sie ihn bis dahin nicht ändern oder einreichen. Belege laden Sie beim Einreichen hoch.";
        return Redirect($"/kunde/antraege/neu?entwurf={draft.Id}");
    }

    public async Task<IActionResult> OnPostVerwerfenAsync(CancellationToken cancellationToken)
    {
        if (DraftId is { } id)
        {
            await DraftService.DiscardAsync(UserId, id, cancellationToken);
        }

        DraftSaved = "Der Entwurf ist verworfen.";
        return Redirect("/kunde/antraege/neu");
    }

    private async Task<IActionResult> PrefillAsync(Guid? draftId, CancellationToken cancellationToken)
    {
        if (draftId is { } id)
        {
            if (await DraftService.FindAsync(UserId, id, cancellationToken) is not { } draft)
            {
                return NotFound();
            }

            var c = draft.Content;
            DraftId = draft.Id;
            InsuredPersonId = c.InsuredPersonId;
            var items = c.Items ?? [];
            TreatmentDate = [.. items.Select(i => i.TreatmentDate)];
            Kind = [.. items.Select(i => i.Kind)];
            Amount = [.. items.Select(i => i.Amount)];
            (Holder, Iban, Bic, BankName) = (c.Bank?.Holder, c.Bank?.Iban, c.Bank?.Bic, c.Bank?.BankName);
            return Page();
        }

        Drafts = await DraftService.ForCustomerAsync(UserId, cancellationToken);
        if (await Profiles.BankAsync(UserId, cancellationToken) is { } bank)
        {
            (Holder, Iban, Bic, BankName) = (bank.Holder, bank.Iban, bank.Bic, bank.BankName);
        }

        return Page();
    }

    public string? DateAt(int i) => At(TreatmentDate, i)?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public string? AmountAt(int i) => At(Amount, i)?.ToString("0.00", System.Globalization.CultureInfo.CurrentCulture);

    public bool KindIs(int i, string kind) => TreatmentKinds.Parse(At(Kind, i)) is { } k && k == TreatmentKinds.Parse(kind);

    private List<ClaimItemInput> FilledItems() =>
    [
        .. Enumerable.Range(0, Rows)
            .Where(i => At(TreatmentDate, i) is not null || !string.IsNullOrWhiteSpace(At(Kind, i)) || At(Amount, i) is not null)
            .Select(i => new ClaimItemInput(At(TreatmentDate, i), At(Kind, i), At(Amount, i))),
    ];

    /// <summary>After a successful submission only; the account was checked with the claim.</summary>
    private async Task SaveBankToProfileAsync(CancellationToken cancellationToken)
    {
        if (SaveBank)
        {
            await Profiles.SaveBankAsync(UserId, new BankAccountInput(Holder, Iban, Bic, BankName), cancellationToken);
        }
    }
}
