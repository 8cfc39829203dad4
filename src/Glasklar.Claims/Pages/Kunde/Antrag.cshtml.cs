using System.Security.Claims;
using Glasklar.Claims.Processing;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>
/// One own claim: receipt confirmation with the receipts to download again (B1: they live in the portal, not in
/// e-mail), status and, once settled, the benefit statement (B3). 404 for anyone else's.
/// </summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class AntragModel(ClaimViews views, ReceiptFiles receipts) : PageModel
{
    public ClaimDetail Claim { get; private set; } = null!;

    public IReadOnlyList<ReceiptEntry> Receipts { get; private set; } = [];

    public Guid CustomerUserId => Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        if (await views.CustomerDetailAsync(userId, id, cancellationToken) is not { } claim)
        {
            return NotFound();
        }

        Claim = claim;
        Receipts = await receipts.ListAsync(ClaimCaller.Customer(userId), id, cancellationToken) ?? [];
        return Page();
    }

    public static string Local(DateTimeOffset value) =>
        TimeZoneInfo.ConvertTime(value, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).ToString("dd.MM.yyyy, HH:mm 'Uhr'", System.Globalization.CultureInfo.GetCultureInfo("de-DE"));

    public static string Euro(decimal value) => value.ToString("N2", System.Globalization.CultureInfo.GetCultureInfo("de-DE")) + " €";
}
