using System.Security.Claims;
using Glasklar.Claims.Contracts;
using Glasklar.Claims.Registration;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Web;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// Linking a contract to the customer account (B1, B2): Versicherungsnummer plus the policyholder's birth
/// date. A wrong pair links nothing and says so; too many failed attempts are refused for a while.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class VertragVerknuepfenModel(ContractLinking linking) : PageModel
{
    public IReadOnlyDictionary<string, string[]> Errors { get; private set; } = new Dictionary<string, string[]>();

    [BindProperty]
    public string? PolicyNumber { get; set; }

    [BindProperty]
    public DateOnly? BirthDate { get; set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        var result = await linking.LinkAsync(userId, HttpContext.ClientIp(), new LinkContractRequest(PolicyNumber, BirthDate), cancellationToken);
        if (result.Contract is not null)
        {
            return Redirect("/kunde/vertraege?hinweis=verknuepft");
        }

        Errors = result.Errors;
        Response.StatusCode = result.Throttled ? StatusCodes.Status429TooManyRequests : StatusCodes.Status400BadRequest;
        return Page();
    }
}
