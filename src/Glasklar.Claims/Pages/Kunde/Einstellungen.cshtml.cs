using System.Security.Claims;
using Glasklar.Claims.Marketing;
using Glasklar.Claims.Profile;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>Settings (B4, B8): objection to direct marketing (consent ledger), the saved bank account, links to password, sessions and rights.</summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class EinstellungenModel(MarketingObjection objection, CustomerProfileService profiles, AuditLog audit) : PageModel
{
    public bool Objected { get; private set; }

    public bool HasBank { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [TempData]
    public string? Saved { get; set; }

    [BindProperty]
    public string? Holder { get; set; }

    [BindProperty]
    public string? Iban { get; set; }

    [BindProperty]
    public string? Bic { get; set; }

    [BindProperty]
    public string? BankName { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken);
        if (await profiles.BankAsync(UserId, cancellationToken) is { } bank)
        {
            (Holder, Iban, Bic, BankName) = (bank.Holder, bank.Iban, bank.Bic, bank.BankName);
        }
    }

    public async Task<IActionResult> OnPostWerbungAsync(bool objected, CancellationToken cancellationToken)
    {
        if (await objection.SetAsync(UserId, objected, cancellationToken) is { } error)
        {
            Errors = new Dictionary<string, string[]> { ["objected"] = [error.Message] };
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        await audit.RecordTransactionAsync(UserId, objected ? "claims.marketing-objected" : "claims.marketing-objection-lifted", HttpContext.ClientIp(), cancellationToken);
        Saved = objected ? "Ihr Widerspruch gegen Direktwerbung ist gespeichert." : "Ihr Widerspruch gegen Direktwerbung ist zurückgenommen.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostBankAsync(CancellationToken cancellationToken)
    {
        var errors = await profiles.SaveBankAsync(UserId, new BankAccountInput(Holder, Iban, Bic, BankName), cancellationToken);
        if (errors.Count > 0)
        {
            Errors = errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        await audit.RecordTransactionAsync(UserId, "claims.profile-bank-saved", HttpContext.ClientIp(), cancellationToken);
        Saved = "Ihre Bankverbindung ist gespeichert.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostBankEntfernenAsync(CancellationToken cancellationToken)
    {
        await profiles.RemoveBankAsync(UserId, cancellationToken);
        Saved = "Ihre Bankverbindung ist aus dem Profil entfernt.";
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Objected = await objection.IsObjectedAsync(UserId, cancellationToken);
        HasBank = await profiles.BankAsync(UserId, cancellationToken) is not null;
    }
}
