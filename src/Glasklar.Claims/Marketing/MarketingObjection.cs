using Glasklar.Privacy.Consent;
using Glasklar.Privacy.DataSubjects;

namespace Glasklar.Claims.Marketing;

/// <summary>
/// B4, B14: the customer's objection to direct marketing (Widerspruch gegen Direktwerbung, Art. 21(2) GDPR),
/// kept in the consent ledger: an objection is a granted entry of <see cref="Purpose"/>, lifting it
/// withdraws that entry. The ledger keeps both with time and actor.
/// </summary>
internal sealed class MarketingObjection(IConsentLedger ledger)
{
    public const string Purpose = "kundenportal.widerspruch-direktwerbung";
    public const string TextVersion = "widerspruch-v1";

    public static readonly string[] Scope = ["angebote-portal", "angebote-email"];

    public async Task<bool> IsObjectedAsync(Guid userId, CancellationToken cancellationToken) =>
        (await ledger.GetCurrentAsync(PlatformSubjects.User(userId), Purpose, cancellationToken)).Granted;

    /// <summary>Sets the objection; does nothing if it is already in force (no duplicate entries).</summary>
    public async Task<ConsentError?> SetAsync(Guid userId, bool objected, CancellationToken cancellationToken)
    {
        if (await IsObjectedAsync(userId, cancellationToken) == objected)
        {
            return null;
        }

        var subject = PlatformSubjects.User(userId);
        var actor = new ConsentActor(userId, Guid.Empty, OnBehalfOf: false);
        var result = objected
            ? await ledger.RecordAsync(new ConsentGrant(subject, Purpose, Scope, TextVersion, actor), cancellationToken)
            : await ledger.WithdrawAsync(new ConsentWithdrawal(subject, Purpose, actor), cancellationToken);
        return result.Succeeded ? null : result.Error;
    }
}
