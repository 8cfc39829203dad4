using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Privacy.Pages.DatenschutzVerwaltung;

/// <summary>Staff (DPO, customer service) file a request for a caller, after confirming the identity check.</summary>
[Authorize(Roles = Roles.DataProtectionOfficer + "," + Roles.CustomerServiceAgent)]
public sealed class AnfrageNeuModel(ISubjectRequests requests) : PageModel
{
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty] public SubjectRequestKind? Kind { get; set; }

    [BindProperty] public string? Email { get; set; }

    [BindProperty] public string? Surname { get; set; }

    [BindProperty] public string? PolicyNumber { get; set; }

    [BindProperty] public string? Phone { get; set; }

    [BindProperty] public string? LicencePlate { get; set; }

    [BindProperty] public string? Details { get; set; }

    [BindProperty] public string? IdentityCheck { get; set; }

    [BindProperty] public bool IdentityConfirmed { get; set; }

    [TempData] public string? Filed { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var organisation = User.FindFirstValue(SessionAuthenticationHandler.OrganisationClaim) is { } org ? Guid.Parse(org) : (Guid?)null;
        var subject = new DataSubject(Email: Email, Surname: Surname, PolicyNumber: PolicyNumber, Phone: Phone, LicencePlate: LicencePlate);
        var result = await requests.FileAsync(new SubjectRequestFiling(Kind, subject, Details, userId, organisation, OnBehalf: true, IdentityConfirmed, IdentityCheck, HttpContext.ClientIp()), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        Filed = $"{SubjectRequestTexts.Kind(result.Request!.Kind)}, Frist {result.Request.DueOn:dd.MM.yyyy}";
        return RedirectToPage();
    }
}
