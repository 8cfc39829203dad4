using Glasklar.Claims.Persistence;
using Glasklar.Platform.Accounts;
using Glasklar.Platform.Mail;
using Microsoft.Extensions.Options;

namespace Glasklar.Claims.Registration;

/// <summary>What the registration form sends (B6). Question numbers index <see cref="RegistrationOptions.Questions"/>.</summary>
internal sealed record RegistrationInput(
    string? GivenName, string? FamilyName, string? Email, string? MobilePhone, string? Password, string? PasswordRepeat,
    int? Question1, string? Answer1, int? Question2, string? Answer2);

/// <summary>
/// <see cref="Accepted"/> is the same for a new account and an address that already has one (no account
/// enumeration); only <see cref="UserId"/> (never shown) differs.
/// </summary>
internal sealed record RegistrationResult(IReadOnlyDictionary<string, string[]> Errors, Guid? UserId, string? Email)
{
    public bool Accepted => Errors.Count == 0;
}

/// <summary>
/// A customer registers (B6): name, e-mail, mobile number, password (platform policy) and two different
/// security questions; the account (role customer, no organisation, ADR 0025) and the hashed answers are
/// stored in one transaction, the address must then be confirmed by link (platform e-mail verification).
/// </summary>
internal sealed class RegistrationService(IEmailVerification verification, ClaimsDbContext db, IOptions<RegistrationOptions> options,
    IMailSender mail, PortalLinks links, TimeProvider clock)
{
    public const string PasswordsDiffer = "Die beiden Passwörter stimmen nicht überein.";
    public const string SameQuestion = "Bitte wählen Sie zwei verschiedene Sicherheitsfragen.";

    public async Task<RegistrationResult> RegisterAsync(RegistrationInput input, CancellationToken cancellationToken)
    {
        var account = new NewAccount(input.Email ?? "", input.GivenName ?? "", input.FamilyName ?? "", input.Password ?? "", Roles.Customer, null, input.MobilePhone);
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message)
        {
            if (!errors.TryGetValue(field, out var list))
            {
                errors[field] = list = [];
            }

            if (!list.Contains(message))
            {
                list.Add(message);
            }
        }

        foreach (var error in verification.Validate(account))
        {
            Add(error.Field, error.Message);
        }

        if (string.IsNullOrWhiteSpace(input.MobilePhone))
        {
            Add("mobilePhone", "Bitte geben Sie Ihre Mobilnummer an.");
        }

        if (!string.IsNullOrEmpty(input.Password) && input.Password != input.PasswordRepeat)
        {
            Add("passwordRepeat", PasswordsDiffer);
        }

        var questions = options.Value.Questions;
        var first = CheckQuestion(1, input.Question1, input.Answer1, questions, Add);
        var second = CheckQuestion(2, input.Question2, input.Answer2, questions, Add);
        if (first is not null && first == second)
        {
            Add("question2", SameQuestion);
        }

        if (errors.Count > 0)
        {
            return new RegistrationResult(errors.ToDictionary(e => e.Key, e => e.Value.ToArray()), null, null);
        }

        // Hashed before we know whether the address is taken: both answers cost the same time.
        var hashes = new[] { SecurityAnswer.Hash(input.Answer1!), SecurityAnswer.Hash(input.Answer2!) };
        var now = clock.GetUtcNow().UtcDateTime;
        var created = await verification.CreatePendingAccountAsync(account, async (userId, ct) =>
        {
            db.SecurityAnswers.Add(new SecurityAnswer(Guid.NewGuid(), userId, 1, first!, hashes[0], now));
            db.SecurityAnswers.Add(new SecurityAnswer(Guid.NewGuid(), userId, 2, second!, hashes[1], now));
            await db.SaveChangesAsync(ct);
        }, cancellationToken);
        AccountInput.TryNormaliseEmail(input.Email, out var email);
        if (created.AlreadyRegistered)
        {
            _ = AccountService.HashPassword(new User(Guid.Empty, null, email, "", "", now), input.Password!); // same cost as a new account
            await mail.SendAsync(MailTexts.RegistrationForExistingAccount(email, links.To("/anmelden"), links.To("/anmelden/passwort-vergessen")), cancellationToken);
            return new RegistrationResult(new Dictionary<string, string[]>(), null, email);
        }

        if (!created.Succeeded)
        {
            return new RegistrationResult(created.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), null, null);
        }

        return new RegistrationResult(new Dictionary<string, string[]>(), created.UserId, email);
    }

    private static string? CheckQuestion(int position, int? index, string? answer, IReadOnlyList<string> questions, Action<string, string> add)
    {
        string? question = null;
        if (index is not { } i || i < 0 || i >= questions.Count)
        {
            add($"question{position}", $"Bitte wählen Sie die {position}. Sicherheitsfrage aus der Liste.");
        }
        else
        {
            question = questions[i];
        }

        var normalised = SecurityAnswer.Normalise(answer ?? "");
        if (normalised.Length < 2)
        {
            add($"answer{position}", $"Bitte beantworten Sie die {position}. Sicherheitsfrage (mindestens 2 Zeichen).");
        }
        else if (normalised.Length > SecurityAnswer.AnswerMaxLength)
        {
            add($"answer{position}", $"Bitte kürzen Sie die Antwort auf die {position}. Sicherheitsfrage auf höchstens {SecurityAnswer.AnswerMaxLength} Zeichen.");
        }

        return question;
    }
}
