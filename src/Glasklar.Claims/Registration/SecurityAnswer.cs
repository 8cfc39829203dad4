using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Glasklar.Claims.Registration;

/// <summary>
/// One of the two security questions of a customer account (B6): the question's text as chosen and the
/// answer only as a hash (the platform's password hasher, PBKDF2), after normalising case and spaces.
/// </summary>
internal sealed class SecurityAnswer
{
    public const int QuestionMaxLength = 200;
    public const int AnswerMaxLength = 100;
    public const int HashMaxLength = 200;

    private static readonly PasswordHasher<SecurityAnswer> Hasher = new();

    private SecurityAnswer()
    {
        Question = AnswerHash = "";
    }

    public SecurityAnswer(Guid id, Guid userId, int position, string question, string answerHash, DateTime createdUtc)
    {
        Id = id;
        UserId = userId;
        Position = position;
        Question = question;
        AnswerHash = answerHash;
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    /// <summary>1 or 2.</summary>
    public int Position { get; private set; }

    public string Question { get; private set; }

    public string AnswerHash { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    /// <summary>"  Berlin  Mitte " and "berlin mitte" are the same answer: trimmed, inner spaces collapsed, NFKC, lower case.</summary>
    public static string Normalise(string answer)
    {
        var words = answer.Normalize(NormalizationForm.FormKC).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return string.Join(' ', words).ToLower(CultureInfo.GetCultureInfo("de-DE"));
    }

    public static string Hash(string answer) => Hasher.HashPassword(null!, Normalise(answer));

    public bool Matches(string answer) =>
        Hasher.VerifyHashedPassword(this, AnswerHash, Normalise(answer)) != PasswordVerificationResult.Failed;
}

/// <summary>A failed attempt to link a contract, kept briefly to limit guessing of birth dates per account.</summary>
internal sealed class LinkAttempt
{
    private LinkAttempt()
    {
    }

    public LinkAttempt(Guid id, Guid userId, DateTime attemptedUtc)
    {
        Id = id;
        UserId = userId;
        AttemptedUtc = attemptedUtc;
    }

    public Guid Id { get; private set; }

    public Guid UserId { get; private set; }

    public DateTime AttemptedUtc { get; private set; }
}
