using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Tenancy;
using Glasklar.Platform.Web;
using Glasklar.Privacy.DataSubjects;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Privacy.Pages.DatenschutzVerwaltung;

/// <summary>One request: the access report downloads, carrying out erasure or restriction, and the recorded answer.</summary>
[Authorize(Roles = Roles.DataProtectionOfficer)]
public sealed class AnfrageModel(ISubjectRequests requests, AuditLog audit, DbSession session) : PageModel
{
    public SubjectRequestView Item { get; private set; } = null!;

    public ErasureReport? Erasure { get; private set; }

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty] public string? Answer { get; set; }

    [BindProperty] public bool Rejected { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public async Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken cancellationToken)
    {
        var result = await requests.AnswerAsync(id, Rejected, Answer, UserId, cancellationToken);
        return await AfterAsync(id, result, "privacy.request-answered", cancellationToken);
    }

    public async Task<IActionResult> OnPostEraseAsync(Guid id, CancellationToken cancellationToken)
    {
        // Erasure reaches every module's data of the person, whichever organisation holds it.
        session.Tenant = TenantScope.AllTenants("Löschung auf Antrag (Art. 17 DSGVO)");
        var (result, report) = await requests.EraseAsync(id, UserId, cancellationToken);
        Erasure = report;
        return await AfterAsync(id, result, "privacy.erasure", cancellationToken);
    }

    public async Task<IActionResult> OnPostRestrictAsync(Guid id, CancellationToken cancellationToken)
    {
        session.Tenant = TenantScope.AllTenants("Einschränkung auf Antrag (Art. 18 DSGVO)");
        var result = await requests.RestrictAsync(id, UserId, cancellationToken);
        return await AfterAsync(id, result, "privacy.restriction", cancellationToken);
    }

    private async Task<IActionResult> AfterAsync(Guid id, SubjectRequestResult result, string action, CancellationToken cancellationToken)
    {
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            if (!await LoadAsync(id, cancellationToken))
            {
                return NotFound();
            }

            Response.StatusCode = StatusCodes.Status400BadRequest;
            return Page();
        }

        await audit.AppendAsync(action, UserId, null, HttpContext.ClientIp(), new Dictionary<string, string> { ["request"] = id.ToString("D") }, cancellationToken);
        await LoadAsync(id, cancellationToken);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken cancellationToken)
    {
        var request = await requests.FindAsync(id, cancellationToken);
        if (request is null)
        {
            return false;
        }

        Item = request;
        return true;
    }
}
