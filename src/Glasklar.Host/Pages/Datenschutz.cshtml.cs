using Glasklar.Platform.Configuration;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Glasklar.Host.Pages;

/// <summary>Operator and data-protection officer come from configuration (A15).</summary>
public sealed class DatenschutzModel(IOptions<GlasklarOptions> options) : PageModel
{
    public GlasklarOptions Options { get; } = options.Value;
}
