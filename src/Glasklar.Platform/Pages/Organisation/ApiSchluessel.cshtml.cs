using System.Security.Claims;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Authorization;
using Glasklar.Platform.Sessions;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Platform.Pages.Organisation;

/// <summary>API keys of the own organisation: create (shown once), list with last use and scopes, revoke.</summary>
[Authorize(Policy = Policies.ApiKeyAdmins)]
public sealed class ApiSchluesselModel(ApiKeyAdministration administration) : PageModel
{
    public IReadOnlyList<ApiKey> Keys { get; private set; } = [];

    public IReadOnlyList<ApiScopeDefinition> AvailableScopes => administration.AvailableScopes;

    public IReadOnlyList<FieldError> Errors { get; private set; } = [];

    public string? NewKey { get; private set; }

    public string? EnteredName { get; private set; }

    public bool Revoked { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken) => Keys = await administration.ListAsync(cancellationToken);

    public async Task<IActionResult> OnPostErstellenAsync(string? name, string[]? scopes, CancellationToken cancellationToken)
    {
        var organisation = Guid.Parse(User.FindFirstValue(SessionAuthenticationHandler.OrganisationClaim)!);
        var created = await administration.CreateAsync(organisation, UserId, name, scopes ?? [], HttpContext.ClientIp(), cancellationToken);
        NewKey = created.Key;
        Errors = created.Errors;
        EnteredName = created.Succeeded ? null : name;
        if (!created.Succeeded)
        {
            Response.StatusCode = Microsoft.AspNetCore.Http.StatusCodes.Status400BadRequest;
        }

        Keys = await administration.ListAsync(cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostWiderrufenAsync(Guid id, CancellationToken cancellationToken)
    {
        if (!await administration.RevokeAsync(id, UserId, HttpContext.ClientIp(), cancellationToken))
        {
            return NotFound();
        }

        Revoked = true;
        Keys = await administration.ListAsync(cancellationToken);
        return Page();
    }

    private Guid UserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
}
