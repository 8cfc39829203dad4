using System.Globalization;
using System.Security.Claims;
using Glasklar.Claims.Marketing;
using Glasklar.Platform.Accounts;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Claims.Pages.Kunde;

/// <summary>B4: offers personalised only from the allowed attributes; none once the customer objected.</summary>
[Authorize(Roles = Roles.Customer)]
internal sealed class AngeboteModel(OfferService offers, MarketingObjection objection) : PageModel
{
    public IReadOnlyList<OfferView> Offers { get; private set; } = [];

    public bool Objected { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var userId = Guid.Parse(User.FindFirstValue(ClaimTypes.NameIdentifier)!);
        Objected = await objection.IsObjectedAsync(userId, cancellationToken);
        Offers = await offers.ForCustomerAsync(userId, CultureInfo.CurrentUICulture.TwoLetterISOLanguageName, cancellationToken);
    }
}
