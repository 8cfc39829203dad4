using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Web;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// "Meine Daten" in the customer portal (B14): the privacy core's access report as JSON and PDF, and
/// requests for rectification, erasure, restriction and objection to processing based on legitimate
/// interest, filed with the privacy core's request handling so the DPO sees them in the queue.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class MeineDatenModel(ISubjectRequests requests) : PageModel
{
    public const string ObjectionPrefix = "Widerspruch gegen eine Verarbeitung aufgrund berechtigter Interessen (Art. 21 Abs. 1 DSGVO): ";

    public static readonly (SubjectRequestKind Kind, string Label)[] Offered =
    [
        (SubjectRequestKind.Rectification, "Berichtigung falscher Angaben (Art. 16 DSGVO)"),
        (SubjectRequestKind.Erasure, "Löschung meiner Daten (Art. 17 DSGVO)"),
        (SubjectRequestKind.Restriction, "Einschränkung der Verarbeitung (Art. 18 DSGVO)"),
        (SubjectRequestKind.Objection, "Widerspruch gegen eine Verarbeitung aufgrund berechtigter Interessen (Art. 21 Abs. 1 DSGVO)"),
    ];

    public IReadOnlyList<SubjectRequestView> Requests { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public SubjectRequestKind? Kind { get; set; }

    [BindProperty]
    public string? Details { get; set; }

    [TempData]
    public string? Filed { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Requests = await requests.ForUserAsync(UserId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var kind = Kind is { } k && Offered.Any(o => o.Kind == k) ? Kind : null;
        var details = kind == SubjectRequestKind.Objection && !string.IsNullOrWhiteSpace(Details) ? ObjectionPrefix + Details.Trim() : Details;
        var result = await requests.FileAsync(new SubjectRequestFiling(kind, new DataSubject(UserId: UserId), details, UserId, null,
            OnBehalf: false, IdentityConfirmed: true, IdentityCheck: null, IpAddress: HttpContext.ClientIp()), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Requests = await requests.ForUserAsync(UserId, cancellationToken);
            return Page();
        }

        Filed = SubjectRequestTexts.Kind(result.Request!.Kind);
        return RedirectToPage();
    }
}
