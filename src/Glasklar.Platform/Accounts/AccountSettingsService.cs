using Glasklar.Platform.Audit;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Accounts;

/// <summary>
/// Changes of one's own account (after re-authentication, see <see cref="Reauthentication"/>): password,
/// e-mail address (applied once the new mailbox confirms it), mobile number, second factor. Each change is
/// one transaction with its audit entry; the account's address gets a neutral notice (B7).
/// </summary>
public sealed class AccountSettingsService(
    PlatformDbContext db,
    DbSession session,
    AccountService accounts,
    RecoveryCodeService recoveryCodes,
    AccountTokenService tokens,
    SessionService sessions,
    IMailSender mail,
    PortalLinks links,
    AuditLog audit)
{
    public async Task<PasswordChangeResult> ChangePasswordAsync(User user, string currentSessionId, string? password, string? confirmation, string ip, CancellationToken cancellationToken)
    {
        var errors = PasswordResetService.CheckNewPassword(user, password, confirmation);
        if (errors.Count > 0)
        {
            return new PasswordChangeResult(false, errors);
        }

        await session.InTransactionAsync(async ct =>
        {
            user.SetPasswordHash(AccountService.HashPassword(user, password!));
            await db.SaveChangesAsync(ct);
            await sessions.EndAllAsync(user.Id, currentSessionId, ct); // other devices must log in with the new password
            await audit.AppendAsync(AuditActions.PasswordChanged, user.Id, user.OrganisationId, ip, new() { ["weg"] = "konto" }, ct);
            await audit.RecordTransactionAsync(user.Id, AuditActions.PasswordChanged, ip, ct);
            return (true, true);
        }, cancellationToken);
        await mail.SendAsync(MailTexts.PasswordChanged(user.Email, links.To(PasswordResetService.RequestPath)), cancellationToken);
        return PasswordChangeResult.Success;
    }

    /// <summary>Mails a confirmation link to the new address; nothing changes until it is opened.</summary>
    public async Task<FieldError?> RequestEmailChangeAsync(User user, string? newEmail, string ip, CancellationToken cancellationToken)
    {
        if (!AccountInput.TryNormaliseEmail(newEmail, out var email))
        {
            return new FieldError("email", AccountInput.EmailInvalid);
        }

        if (email == user.Email)
        {
            return new FieldError("email", "Das ist bereits Ihre E-Mail-Adresse.");
        }

        await audit.RecordTransactionAsync(user.Id, "email.aenderung-angefordert", ip, cancellationToken);

        // An address that already has an account gets no mail, and the answer is the same (no enumeration).
        if (!await db.Users.AnyAsync(u => u.Email == email, cancellationToken)
            && await tokens.IssueAsync(user.Id, AccountTokenPurposes.EmailChange, AccountTokenPurposes.EmailLinkLifetime, email, cancellationToken) is { } token)
        {
            await mail.SendAsync(MailTexts.VerifyEmail(email, links.To($"{EmailVerification.ConfirmPath}?token={token}")), cancellationToken);
        }

        return null;
    }

    /// <summary>Sets or (empty input) removes the mobile number.</summary>
    public async Task<FieldError?> ChangeMobileAsync(User user, string? input, string ip, CancellationToken cancellationToken)
    {
        string? e164 = null;
        if (!string.IsNullOrWhiteSpace(input) && !AccountInput.TryNormaliseMobile(input, out e164!))
        {
            return new FieldError("mobilePhone", AccountInput.MobileInvalid);
        }

        await session.InTransactionAsync(async ct =>
        {
            user.SetMobilePhone(e164);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(AuditActions.PhoneChanged, user.Id, user.OrganisationId, ip, new() { ["entfernt"] = e164 is null ? "ja" : "nein" }, ct);
            await audit.RecordTransactionAsync(user.Id, AuditActions.PhoneChanged, ip, ct);
            return (true, true);
        }, cancellationToken);
        return null;
    }

    /// <summary>A new authenticator replaces the old one once its first code is right; new recovery codes, old ones void.</summary>
    public async Task<IReadOnlyList<string>?> ReplaceSecondFactorAsync(User user, byte[] secret, string? code, string ip, CancellationToken cancellationToken)
    {
        var codes = await session.InTransactionAsync<IReadOnlyList<string>?>(async ct =>
        {
            if (await accounts.EnrolSecondFactorAsync(user, secret, (code ?? "").Replace(" ", "", StringComparison.Ordinal), ct) != SecondFactorResult.Accepted)
            {
                return (false, null);
            }

            var fresh = await recoveryCodes.ReplaceAsync(user, ct);
            await audit.AppendAsync(AuditActions.SecondFactorChanged, user.Id, user.OrganisationId, ip, [], ct);
            await audit.RecordTransactionAsync(user.Id, AuditActions.SecondFactorChanged, ip, ct);
            return (true, fresh);
        }, cancellationToken);
        if (codes is not null)
        {
            await mail.SendAsync(MailTexts.SecondFactorChanged(user.Email), cancellationToken);
        }

        return codes;
    }
}
