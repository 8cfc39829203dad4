using Glasklar.Platform.Configuration;
using Glasklar.Platform.Identity.TwoFactor;
using Microsoft.Extensions.Options;

namespace Glasklar.Platform.Accounts;

/// <summary>A new authenticator secret as a page shows it: QR code (PNG data URI, rendered here) and the manual key.</summary>
public sealed record TotpSetup(string SecretBase32, string QrCodeDataUri, string ManualKey);

/// <summary>
/// Setting up the authenticator outside the login flow (e.g. during a customer's registration, B6), with the
/// platform's own TOTP, QR and enrolment code: features never handle TOTP internals themselves.
/// </summary>
public sealed class TotpEnrolment(AccountService accounts, RecoveryCodeService recoveryCodes, Audit.AuditLog audit, IOptions<GlasklarOptions> glasklar, TimeProvider clock)
{
    public static string NewSecret() => Base32.Encode(Totp.GenerateSecret(), padding: false);

    /// <summary>Ten codes in the recovery-code format that belong to no account (for answers that must look alike).</summary>
    public static IReadOnlyList<string> UnboundRecoveryCodes() => Identity.RecoveryCodes.RecoveryCodeCredential.Generate().Codes;

    /// <summary>Null when the secret is not valid Base32.</summary>
    public TotpSetup? Describe(string secretBase32, string accountName)
    {
        if (!Base32.TryDecode(secretBase32, out var secret) || secret.Length == 0)
        {
            return null;
        }

        var uri = OtpAuthUri.Build(glasklar.Value.Operator.TotpIssuer, accountName, secret);
        return new TotpSetup(secretBase32, TotpQrCode.PngDataUri(uri), string.Join(' ', secretBase32.Chunk(4).Select(c => new string(c))));
    }

    /// <summary>Whether the code fits the secret now (±1 step), storing nothing.</summary>
    public bool Matches(string secretBase32, string? code) =>
        Base32.TryDecode(secretBase32, out var secret) && new TotpValidator(clock).Verify(secret, code, null).Accepted;

    /// <summary>
    /// Stores the secret on an account that has no second factor yet, after a right first code, and returns
    /// ten new recovery codes; null when the code is wrong or the account already has one.
    /// </summary>
    public async Task<IReadOnlyList<string>?> EnrolAsync(Guid userId, string secretBase32, string? code, string? ipAddress, CancellationToken cancellationToken)
    {
        if (!Base32.TryDecode(secretBase32, out var secret)
            || await accounts.FindAsync(userId, cancellationToken) is not { HasSecondFactor: false } user
            || await accounts.EnrolSecondFactorAsync(user, secret, code ?? "", cancellationToken) != SecondFactorResult.Accepted)
        {
            return null;
        }

        var codes = await recoveryCodes.ReplaceAsync(user, cancellationToken);
        await audit.AppendAsync(Audit.AuditActions.SecondFactorEnrolled, user.Id, user.OrganisationId, ipAddress, [], cancellationToken);
        return codes;
    }
}
