using Glasklar.Host.Web;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Glasklar.Host.Pages;

/// <summary>Switches the UI language with a plain form post (works without JavaScript).</summary>
public sealed class SpracheModel : PageModel
{
    public void OnGet()
    {
    }

    public IActionResult OnPost(string? lang, string? returnUrl)
    {
        var culture = lang == "en" ? WebSetup.English : WebSetup.German;
        WebSetup.SetLanguage(Response, Request.IsHttps, culture);
        return LocalRedirect(Url.IsLocalUrl(returnUrl) ? returnUrl! : "/");
    }
}
