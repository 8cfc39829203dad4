using Glasklar.Platform.Configuration;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Glasklar.Host.Pages;

public sealed class ImpressumModel(IOptions<GlasklarOptions> options) : PageModel
{
    public GlasklarOptions Options { get; } = options.Value;
}
