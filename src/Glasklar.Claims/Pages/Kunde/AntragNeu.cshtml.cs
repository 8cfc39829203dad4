using System.Security.Claims;
using Glasklar.Claims.Contracts;
using Glasklar.Claims.Submission;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// The claim wizard as one form that works without JavaScript (B1): insured person, up to three items,
/// receipts, bank account, declarations. Nothing is stored until the whole claim is valid; then the
/// receipt confirmation page opens.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed partial class AntragNeuModel(ContractService contracts, ClaimSubmissionService submission) : PageModel
{
    public const int Rows = 3;

    public IReadOnlyList<ContractView> Contracts { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public Guid? InsuredPersonId { get; set; }

    [BindProperty]
    public List<DateOnly?> TreatmentDate { get; set; } = [];

    [BindProperty]
    public List<string?> Kind { get; set; } = [];

    [BindProperty]
    public List<decimal?> Amount { get; set; } = [];

    [BindProperty]
    public string? Holder { get; set; }

    [BindProperty]
    public string? Iban { get; set; }

    [BindProperty]
    public string? Bic { get; set; }

    [BindProperty]
    public string? BankName { get; set; }

    [BindProperty]
    public bool Declarations { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task<IActionResult> OnGetAsync(Guid? entwurf, CancellationToken cancellationToken)
    {
        Contracts = await contracts.ForCustomerAsync(UserId, cancellationToken);
        return await PrefillAsync(entwurf, cancellationToken);
    }

    public async Task<IActionResult> OnPostAsync(List<IFormFile> receipts, CancellationToken cancellationToken)
    {
        var items = Enumerable.Range(0, Rows)
            .Where(i => At(TreatmentDate, i) is not null || !string.IsNullOrWhiteSpace(At(Kind, i)) || At(Amount, i) is not null)
            .Select(i => new ClaimItemInput(At(TreatmentDate, i), At(Kind, i), At(Amount, i)))
            .ToList();
        var files = new List<ReceiptUpload>();
        foreach (var file in receipts.Where(f => f.Length > 0))
        {
            var content = new byte[file.Length];
            await using (var stream = file.OpenReadStream())
            {
                await stream.ReadExactlyAsync(content, cancellationToken);
            }

            files.Add(new ReceiptUpload(file.FileName, content));
        }

        var result = await submission.SubmitAsync(UserId, HttpContext.ClientIp(),
            new ClaimSubmissionRequest(InsuredPersonId, items, null, new BankAccountInput(Holder, Iban, Bic, BankName), Declarations, DraftId), files, cancellationToken);
        if (result.Confirmation is { } confirmation)
        {
            await SaveBankToProfileAsync(cancellationToken);
            return Redirect($"/kunde/antraege/{confirmation.ClaimId}");
        }

        Errors = result.Errors;
        Response.StatusCode = StatusCodes.Status400BadRequest;
        Contracts = await contracts.ForCustomerAsync(UserId, cancellationToken);
        return Page();
    }

    private static T? At<T>(List<T?> values, int index) => index < values.Count ? values[index] : default;
}
