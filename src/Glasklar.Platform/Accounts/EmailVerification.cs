using Glasklar.Platform.Audit;
using Glasklar.Platform.Identity.Passwords;
using Glasklar.Platform.Mail;
using Glasklar.Platform.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Glasklar.Platform.Accounts;

/// <summary>A person to create with an unverified address (e.g. a customer registering, B6).</summary>
public sealed record NewAccount(string Email, string GivenName, string FamilyName, string Password, string Role, Guid? OrganisationId = null, string? MobilePhone = null);

/// <summary>
/// The outcome of <see cref="IEmailVerification.CreatePendingAccountAsync"/>. <see cref="AlreadyRegistered"/>:
/// the address has an account; callers should answer as if it worked ("please check your mailbox"), so a
/// registration form does not reveal who has an account.
/// </summary>
public sealed record PendingAccountResult(Guid? UserId, IReadOnlyList<FieldError> Errors, bool AlreadyRegistered = false)
{
    public bool Succeeded => UserId is not null;
}

public enum EmailConfirmation
{
    /// <summary>The address is verified.</summary>
    Verified,

    /// <summary>The account now uses the new address (an e-mail change was confirmed).</summary>
    Changed,

    /// <summary>Unknown, expired or already used link.</summary>
    InvalidLink,

    /// <summary>The new address got an account of its own in the meantime.</summary>
    AddressTaken,
}

/// <summary>
/// E-mail verification by single-use link, for every feature that creates accounts. Login refuses an
/// unverified account (with a German explanation) until the link was opened.
/// </summary>
public interface IEmailVerification
{
    /// <summary>Creates the account (password checked against the policy, NIST SP 800-63B) and mails the link; one transaction.</summary>
    Task<PendingAccountResult> CreatePendingAccountAsync(NewAccount account, CancellationToken cancellationToken);

    /// <summary>
    /// The same, and <paramref name="alsoInTransaction"/> stores a feature's own rows for the new user id in the
    /// same transaction (e.g. the customer portal's security answers), so an error leaves nothing behind.
    /// </summary>
    Task<PendingAccountResult> CreatePendingAccountAsync(NewAccount account, Func<Guid, CancellationToken, Task> alsoInTransaction, CancellationToken cancellationToken);

    /// <summary>The checks of <see cref="CreatePendingAccountAsync(NewAccount, CancellationToken)"/> alone, storing nothing (a form shows every error at once).</summary>
    IReadOnlyList<FieldError> Validate(NewAccount account);

    /// <summary>Mails a new link unless the account is verified already or a link went out less than a minute ago.</summary>
    Task<bool> SendLinkAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>The same, found by address; does nothing for unknown or verified addresses (callers answer generically).</summary>
    Task SendLinkToAddressAsync(string email, CancellationToken cancellationToken);

    Task<bool> IsVerifiedAsync(Guid userId, CancellationToken cancellationToken);

    /// <summary>Spends a verification or e-mail-change link.</summary>
    Task<EmailConfirmation> ConfirmAsync(string? token, string? ipAddress, CancellationToken cancellationToken);
}

internal sealed class EmailVerification(PlatformDbContext db, DbSession session, AccountTokenService tokens, IMailSender mail, PortalLinks links, AuditLog audit, TimeProvider clock)
    : IEmailVerification
{
    public const string ConfirmPath = "/anmelden/bestaetigen";

    public const string GenericAnswer = "Wenn zu dieser Adresse ein noch nicht bestätigtes Konto besteht, haben wir Ihnen einen neuen Link geschickt.";

    public Task<PendingAccountResult> CreatePendingAccountAsync(NewAccount account, CancellationToken cancellationToken) =>
        CreatePendingAccountAsync(account, static (_, _) => Task.CompletedTask, cancellationToken);

    public IReadOnlyList<FieldError> Validate(NewAccount account) => Check(account, out _, out _);

    public async Task<PendingAccountResult> CreatePendingAccountAsync(NewAccount account, Func<Guid, CancellationToken, Task> alsoInTransaction, CancellationToken cancellationToken)
    {
        var errors = Check(account, out var email, out var mobile);
        if (errors.Count > 0)
        {
            return new PendingAccountResult(null, errors);
        }

        if (await db.Users.AnyAsync(u => u.Email == email, cancellationToken))
        {
            return new PendingAccountResult(null, [], AlreadyRegistered: true);
        }

        var user = new User(Guid.NewGuid(), account.OrganisationId, email, account.GivenName, account.FamilyName, clock.GetUtcNow().UtcDateTime);
        user.SetPasswordHash(AccountService.HashPassword(user, account.Password!));
        user.SetMobilePhone(mobile);
        user.AddRole(account.Role);
        var token = await session.InTransactionAsync(async ct =>
        {
            db.Users.Add(user);
            await db.SaveChangesAsync(ct);
            await alsoInTransaction(user.Id, ct);
            return (true, await tokens.IssueAsync(user.Id, AccountTokenPurposes.EmailVerification, AccountTokenPurposes.EmailLinkLifetime, null, ct));
        }, cancellationToken);
        await mail.SendAsync(MailTexts.VerifyEmail(user.Email, links.To($"{ConfirmPath}?token={token}")), cancellationToken);
        return new PendingAccountResult(user.Id, []);
    }

    private static List<FieldError> Check(NewAccount account, out string email, out string? mobile)
    {
        var errors = new List<FieldError>();
        if (!AccountInput.TryNormaliseEmail(account.Email, out email))
        {
            errors.Add(new("email", AccountInput.EmailInvalid));
        }

        CheckName(account.GivenName, "givenName", "Bitte geben Sie Ihren Vornamen ein.", errors);
        CheckName(account.FamilyName, "familyName", "Bitte geben Sie Ihren Nachnamen ein.", errors);
        mobile = null;
        if (!string.IsNullOrWhiteSpace(account.MobilePhone))
        {
            if (AccountInput.TryNormaliseMobile(account.MobilePhone, out var e164))
            {
                mobile = e164;
            }
            else
            {
                errors.Add(new("mobilePhone", AccountInput.MobileInvalid));
            }
        }

        if (!Roles.OrganisationKindOf.TryGetValue(account.Role, out var kind) || (kind is null) != (account.OrganisationId is null))
        {
            errors.Add(new("role", "Diese Rolle passt nicht zur Organisation des Kontos."));
        }

        errors.AddRange(PasswordPolicy.Check(account.Password ?? "", new PasswordContext(account.GivenName, account.FamilyName, account.Email)).Violations
            .Select(v => new FieldError("password", v.Message)));
        return errors;
    }

    public async Task<bool> SendLinkAsync(Guid userId, CancellationToken cancellationToken)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, cancellationToken);
        if (user is not { IsActive: true, IsEmailVerified: false }
            || await tokens.IssueAsync(user.Id, AccountTokenPurposes.EmailVerification, AccountTokenPurposes.EmailLinkLifetime, null, cancellationToken) is not { } token)
        {
            return false;
        }

        await mail.SendAsync(MailTexts.VerifyEmail(user.Email, links.To($"{ConfirmPath}?token={token}")), cancellationToken);
        return true;
    }

    public async Task SendLinkToAddressAsync(string email, CancellationToken cancellationToken)
    {
        if (AccountInput.TryNormaliseEmail(email, out var normalised)
            && await db.Users.Where(u => u.Email == normalised).Select(u => (Guid?)u.Id).SingleOrDefaultAsync(cancellationToken) is { } userId)
        {
            await SendLinkAsync(userId, cancellationToken);
        }
    }

    public Task<bool> IsVerifiedAsync(Guid userId, CancellationToken cancellationToken) =>
        db.Users.AnyAsync(u => u.Id == userId && u.EmailVerifiedUtc != null, cancellationToken);

    public async Task<EmailConfirmation> ConfirmAsync(string? token, string? ipAddress, CancellationToken cancellationToken)
    {
        var (outcome, oldAddress) = await session.InTransactionAsync<(EmailConfirmation, string?)>(async ct =>
        {
            var spent = await tokens.ConsumeAsync(token, [AccountTokenPurposes.EmailVerification, AccountTokenPurposes.EmailChange], ct);
            if (spent is null || await db.Users.SingleOrDefaultAsync(u => u.Id == spent.UserId, ct) is not { } user)
            {
                return (false, (EmailConfirmation.InvalidLink, null));
            }

            var now = clock.GetUtcNow().UtcDateTime;
            if (spent.Purpose == AccountTokenPurposes.EmailChange && spent.NewEmail is { } newEmail)
            {
                if (await db.Users.AnyAsync(u => u.Email == newEmail && u.Id != user.Id, ct))
                {
                    return (true, (EmailConfirmation.AddressTaken, null)); // the link is spent either way
                }

                var old = user.Email;
                user.ChangeEmail(newEmail, now);
                await db.SaveChangesAsync(ct);
                await audit.AppendAsync(AuditActions.EmailChanged, user.Id, user.OrganisationId, ipAddress, [], ct);
                await audit.RecordTransactionAsync(user.Id, AuditActions.EmailChanged, ipAddress, ct);
                return (true, (EmailConfirmation.Changed, old));
            }

            user.MarkEmailVerified(now);
            await db.SaveChangesAsync(ct);
            await audit.AppendAsync(AuditActions.EmailVerified, user.Id, user.OrganisationId, ipAddress, [], ct);
            await audit.RecordTransactionAsync(user.Id, AuditActions.EmailVerified, ipAddress, ct);
            return (true, (EmailConfirmation.Verified, null));
        }, cancellationToken);

        if (oldAddress is not null)
        {
            await mail.SendAsync(MailTexts.EmailChanged(oldAddress), cancellationToken);
        }

        return outcome;
    }

    private static void CheckName(string? name, string field, string missing, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            errors.Add(new(field, missing));
        }
        else if (name.Trim().Length > User.NameMaxLength)
        {
            errors.Add(new(field, $"Bitte kürzen Sie den Namen auf höchstens {User.NameMaxLength} Zeichen."));
        }
    }
}
