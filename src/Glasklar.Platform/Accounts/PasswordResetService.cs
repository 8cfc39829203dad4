using Glasklar.Platform.Audit;
using Glasklar.Platform.Identity.Passwords;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Persistence;
using Glasklar.Platform.Sessions;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Accounts;

public sealed record PasswordChangeResult(bool Succeeded, IReadOnlyList<FieldError> Errors, bool InvalidLink = false)
{
    public static readonly PasswordChangeResult Success = new(true, []);

    public static PasswordChangeResult Invalid(params FieldError[] errors) => new(false, errors);
}

/// <summary>
/// Password reset by an e-mailed single-use link, valid 30 minutes. The request always gets the same
/// answer, whether an account exists or not. Completing it sets the password, proves the mailbox (the
/// address counts as verified), ends every session of the account and writes the audit entry; the
/// second factor stays as it is, so the link alone never opens the account.
/// </summary>
public sealed class PasswordResetService(PlatformDbContext db, DbSession session, AccountTokenService tokens, SessionService sessions, IMailSender mail, PortalLinks links, AuditLog audit, TimeProvider clock)
{
    public const string RequestPath = "/anmelden/passwort-vergessen";
    public const string ResetPath = "/anmelden/passwort-neu";

    /// <summary>The one answer to every reset request (issue 3: no hint whether the account exists).</summary>
    public const string GenericAnswer = "Wenn zu dieser Adresse ein Konto besteht, haben wir Ihnen einen Link geschickt. Er ist 30 Minuten gültig und nur einmal verwendbar.";

    public async Task RequestAsync(string? email, CancellationToken cancellationToken)
    {
        if (!AccountInput.TryNormaliseEmail(email, out var normalised)
            || await db.Users.SingleOrDefaultAsync(u => u.Email == normalised && u.IsActive, cancellationToken) is not { } user
            || await tokens.IssueAsync(user.Id, AccountTokenPurposes.PasswordReset, AccountTokenPurposes.PasswordResetLifetime, null, cancellationToken) is not { } token)
        {
            return;
        }

        await mail.SendAsync(MailTexts.PasswordReset(user.Email, links.To($"{ResetPath}?token={token}")), cancellationToken);
    }

    public async Task<bool> IsUsableAsync(string? token, CancellationToken cancellationToken) =>
        await tokens.FindUsableAsync(token, [AccountTokenPurposes.PasswordReset], cancellationToken) is not null;

    public async Task<PasswordChangeResult> CompleteAsync(string? token, string? password, string? confirmation, string ipAddress, CancellationToken cancellationToken)
    {
        if (await tokens.FindUsableAsync(token, [AccountTokenPurposes.PasswordReset], cancellationToken) is not { } found
            || await db.Users.SingleOrDefaultAsync(u => u.Id == found.UserId && u.IsActive, cancellationToken) is not { } user)
        {
            return new PasswordChangeResult(false, [], InvalidLink: true);
        }

        var errors = CheckNewPassword(user, password, confirmation);
        if (errors.Count > 0)
        {
            return new PasswordChangeResult(false, errors);
        }

        var done = await session.InTransactionAsync(async ct =>
        {
            if (await tokens.ConsumeAsync(token, [AccountTokenPurposes.PasswordReset], ct) is null)
            {
                return (false, false); // spent by a parallel request a moment ago
            }

            user.SetPasswordHash(AccountService.HashPassword(user, password!));
            user.MarkEmailVerified(clock.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync(ct);
            await sessions.EndAllAsync(user.Id, exceptSessionId: null, ct);
            await audit.AppendAsync(AuditActions.PasswordReset, user.Id, user.OrganisationId, ipAddress, new() { ["weg"] = "link" }, ct);
            await audit.RecordTransactionAsync(user.Id, AuditActions.PasswordReset, ipAddress, ct);
            return (true, true);
        }, cancellationToken);
        if (!done)
        {
            return new PasswordChangeResult(false, [], InvalidLink: true);
        }

        await mail.SendAsync(MailTexts.PasswordChanged(user.Email, links.To(RequestPath)), cancellationToken);
        return PasswordChangeResult.Success;
    }

    /// <summary>The policy (NIST SP 800-63B) with the user's own name and address, and both entries equal.</summary>
    internal static List<FieldError> CheckNewPassword(User user, string? password, string? confirmation)
    {
        var errors = PasswordPolicy.Check(password ?? "", new PasswordContext(user.GivenName, user.FamilyName, user.Email)).Violations
            .Select(v => new FieldError("password", v.Message)).ToList();
        if (errors.Count == 0 && password != confirmation)
        {
            errors.Add(new FieldError("confirmation", "Die beiden Eingaben stimmen nicht überein. Bitte geben Sie das neue Passwort zweimal gleich ein."));
        }

        return errors;
    }
}
