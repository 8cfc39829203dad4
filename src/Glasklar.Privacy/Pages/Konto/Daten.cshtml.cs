using System.Security.Claims;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Privacy.Pages.Konto;

/// <summary>
/// "Meine Daten" (B14, X7): the signed-in person downloads the access report (JSON, HTML, PDF) and files
/// requests for erasure, restriction, rectification or objection themselves; sees their requests and answers.
/// </summary>
[Authorize]
public sealed class DatenModel(ISubjectRequests requests) : PageModel
{
    public IReadOnlyList<SubjectRequestView> Requests { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public SubjectRequestKind? Kind { get; set; }

    [BindProperty]
    public string? Details { get; set; }

    [TempData]
    public string? Filed { get; set; }

    public static readonly SubjectRequestKind[] Offered =
        [SubjectRequestKind.Erasure, SubjectRequestKind.Restriction, SubjectRequestKind.Rectification, SubjectRequestKind.Objection, SubjectRequestKind.Access];

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => Requests = await requests.ForUserAsync(UserId, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var organisation = User.FindFirstValue(SessionAuthenticationHandler.OrganisationClaim) is { } org ? Guid.Parse(org) : (Guid?)null;
        var result = await requests.FileAsync(new SubjectRequestFiling(Kind, new DataSubject(UserId: UserId), Details, UserId, organisation,
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
