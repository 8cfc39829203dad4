namespace Glasklar.Claims.Terms;

/// <summary>
/// Settings under <c>Glasklar:Claims:Terms</c>: the operator publishes a version of the terms of use and the
/// privacy notice (Nutzungsbedingungen und Datenschutzhinweise) by setting <see cref="Version"/> and a short
/// summary of what changed. Without a version nothing has been published and no customer is asked (B8).
/// </summary>
public sealed class TermsOptions
{
    public const string Section = "Glasklar:Claims:Terms";

    /// <summary>Version label, e.g. "2026-12"; letters, digits, dot, dash, underscore (it is the ledger's text version).</summary>
    public string? Version { get; set; }

    /// <summary>Date the version takes effect, shown to the customer (optional).</summary>
    public DateOnly? EffectiveFrom { get; set; }

    /// <summary>"Was ist neu": one line per change, in German.</summary>
    public List<string> Changes { get; set; } = [];

    /// <summary>Where the full text is (default: the host's data-protection page).</summary>
    public string FullTextUrl { get; set; } = "/datenschutz";

    public bool Published => !string.IsNullOrWhiteSpace(Version);
}
