using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Audit;
using Glasklar.Platform.Retention;
using Glasklar.Platform.Web;
using Glasklar.Privacy.Retention;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Privacy.Pages.DatenschutzVerwaltung;

/// <summary>The DPO's overview of every registered retention policy (X6) and the register of legal holds.</summary>
[Authorize(Roles = Roles.DataProtectionOfficer)]
public sealed class AufbewahrungModel(RetentionRunner runner, ILegalHoldRegister holds, AuditLog audit) : PageModel
{
    public IReadOnlyList<RetentionPolicy> Policies { get; private set; } = [];

    public IReadOnlyList<LegalHoldView> Holds { get; private set; } = [];

    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty] public string? SubjectRef { get; set; }

    [BindProperty] public string? Category { get; set; }

    [BindProperty] public string? Reason { get; set; }

    [BindProperty] public DateOnly? EndsOn { get; set; }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadAsync(cancellationToken);

    public async Task<IActionResult> OnPostPlaceAsync(CancellationToken cancellationToken)
    {
        var result = await holds.PlaceAsync(new LegalHoldRequest(SubjectRef, Category, Reason, EndsOn, UserId), cancellationToken);
        if (!result.Succeeded)
        {
            Errors = result.Errors;
            Response.StatusCode = StatusCodes.Status400BadRequest;
            await LoadAsync(cancellationToken);
            return Page();
        }

        await audit.AppendAsync("privacy.hold-placed", UserId, null, HttpContext.ClientIp(), new Dictionary<string, string> { ["hold"] = result.Hold!.Id.ToString("D") }, cancellationToken);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostLiftAsync(Guid holdId, CancellationToken cancellationToken)
    {
        if (await holds.LiftAsync(holdId, cancellationToken))
        {
            await audit.AppendAsync("privacy.hold-lifted", UserId, null, HttpContext.ClientIp(), new Dictionary<string, string> { ["hold"] = holdId.ToString("D") }, cancellationToken);
        }

        return RedirectToPage();
    }

    public static string Duration(TimeSpan keepFor) => keepFor.TotalDays switch
    {
        >= 365 => $"{Math.Round(keepFor.TotalDays / 365.25, 1)} Jahre",
        >= 1 => $"{Math.Round(keepFor.TotalDays)} Tage",
        _ => $"{Math.Round(keepFor.TotalHours)} Stunden",
    };

    public static string Action(RetentionAction action) => action == RetentionAction.Delete ? "löschen" : "anonymisieren";

    private async Task LoadAsync(CancellationToken cancellationToken)
    {
        Policies = runner.Policies();
        Holds = await holds.ListAsync(cancellationToken);
    }
}
