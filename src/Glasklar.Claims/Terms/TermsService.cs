using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Terms;

/// <summary>The published version as the acknowledgement page shows it.</summary>
public sealed record TermsView(string Version, DateOnly? EffectiveFrom, IReadOnlyList<string> Changes, string FullTextUrl, string? AcknowledgedVersion);

/// <summary>
/// B8: which version of terms and privacy notice the customer has acknowledged, and recording a new
/// acknowledgement. The acknowledgement is an entry in the consent ledger (subject <c>user:&lt;id&gt;</c>,
/// purpose <see cref="Purpose"/>, text version = published version, time and actor), so it shows in the
/// access report and is erased with the account like every other ledger entry.
/// </summary>
internal sealed class TermsService(IConsentLedger ledger, IOptionsSnapshot<TermsOptions> options)
{
    public const string Purpose = "kundenportal.bedingungen";

    public static readonly string[] Scope = ["nutzungsbedingungen", "datenschutzhinweise"];

    private TermsOptions Options => options.Value;

    /// <summary>True if nothing is published or the customer's latest acknowledgement is of the published version.</summary>
    public async Task<bool> IsCurrentAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!Options.Published)
        {
            return true;
        }

        var state = await ledger.GetCurrentAsync(PlatformSubjects.User(userId), Purpose, cancellationToken);
        return string.Equals(state.TextVersion, Options.Version!.Trim(), StringComparison.Ordinal);
    }

    public async Task<TermsView?> CurrentAsync(Guid userId, CancellationToken cancellationToken)
    {
        if (!Options.Published)
        {
            return null;
        }

        var state = await ledger.GetCurrentAsync(PlatformSubjects.User(userId), Purpose, cancellationToken);
        return new TermsView(Options.Version!.Trim(), Options.EffectiveFrom, Options.Changes, Options.FullTextUrl, state.TextVersion);
    }

    /// <summary>Records the acknowledgement of <paramref name="version"/>; refused if that is not the published version (a stale page).</summary>
    public async Task<ConsentError?> AcknowledgeAsync(Guid userId, string? version, CancellationToken cancellationToken)
    {
        if (!Options.Published || !string.Equals(version?.Trim(), Options.Version!.Trim(), StringComparison.Ordinal))
        {
            return new ConsentError("terms.stale-version",
                "Inzwischen gilt eine andere Fassung der Bedingungen. Bitte lesen Sie die aktuelle Fassung und bestätigen Sie erneut.");
        }

        var result = await ledger.RecordAsync(new ConsentGrant(PlatformSubjects.User(userId), Purpose, Scope, Options.Version.Trim(),
            new ConsentActor(userId, Guid.Empty, OnBehalfOf: false)), cancellationToken);
        return result.Succeeded ? null : result.Error;
    }
}
