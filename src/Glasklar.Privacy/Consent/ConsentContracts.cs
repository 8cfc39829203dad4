using System.Diagnostics.CodeAnalysis;

namespace Glasklar.Privacy.Consent;

/// <summary>
/// Promise X2: the consent ledger. Every consent and every withdrawal is a new, immutable entry with
/// subject, purpose, scope, text version, time and actor. Writes use the scope's shared
/// <c>DbSession</c>, so a consent recorded inside the caller's transaction commits or rolls back with it.
/// Expected failures come back as <see cref="ConsentError"/>, never as exceptions.
/// </summary>
public interface IConsentLedger
{
    /// <summary>Records that consent was given (also a renewal with a new text version or scope).</summary>
    Task<ConsentResult> RecordAsync(ConsentGrant grant, CancellationToken cancellationToken = default);

    /// <summary>Records a withdrawal of the whole purpose; fails if there is no granted consent to withdraw.</summary>
    Task<ConsentResult> WithdrawAsync(ConsentWithdrawal withdrawal, CancellationToken cancellationToken = default);

    /// <summary>The state after the latest entry for subject and purpose (not granted if there is none).</summary>
    Task<ConsentState> GetCurrentAsync(string subject, string purpose, CancellationToken cancellationToken = default);

    /// <summary>Every entry of the subject, oldest first; only one purpose when <paramref name="purpose"/> is given.</summary>
    Task<IReadOnlyList<ConsentEntry>> GetHistoryAsync(string subject, string? purpose = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Removes every entry of the subject (data-subject erasure, the only way entries disappear).
    /// Joins the caller's transaction if one is open; returns the number of removed entries.
    /// </summary>
    Task<int> EraseSubjectAsync(string subject, CancellationToken cancellationToken = default);
}

/// <summary>Who recorded the entry: a user of an organisation, possibly on behalf of the insured (e.g. an agent).</summary>
public sealed record ConsentActor(Guid UserId, Guid OrganisationId, bool OnBehalfOf);

/// <summary>
/// A consent to record. <see cref="Subject"/> is an opaque reference chosen by the calling module
/// ("referral:&lt;id&gt;", "customer:&lt;id&gt;"), never a name; <see cref="Scope"/> names the fields covered.
/// </summary>
public sealed record ConsentGrant(string Subject, string Purpose, IReadOnlyCollection<string> Scope, string TextVersion, ConsentActor Actor);

public sealed record ConsentWithdrawal(string Subject, string Purpose, ConsentActor Actor);

public enum ConsentAction
{
    Granted,
    Withdrawn,
}

/// <summary>One immutable ledger entry. A withdrawal repeats scope and text version of the consent it ends.</summary>
public sealed record ConsentEntry(
    Guid Id,
    string Subject,
    string Purpose,
    int Revision,
    ConsentAction Action,
    IReadOnlyList<string> Scope,
    string TextVersion,
    DateTimeOffset RecordedAt,
    ConsentActor Actor);

/// <summary>Current state per subject and purpose; <see cref="Since"/> is the time of the latest entry.</summary>
public sealed record ConsentState(string Subject, string Purpose, ConsentEntry? Latest)
{
    public bool Granted => Latest?.Action == ConsentAction.Granted;

    /// <summary>Fields covered now; empty unless granted.</summary>
    public IReadOnlyList<string> Scope => Granted ? Latest!.Scope : [];

    public string? TextVersion => Granted ? Latest!.TextVersion : null;

    public DateTimeOffset? Since => Latest?.RecordedAt;

    /// <summary>True only if consent is granted now and covers <paramref name="field"/> (A6: no consent, no storing).</summary>
    public bool Covers(string field) => Granted && Scope.Contains(field, StringComparer.Ordinal);
}

/// <summary>Why an operation was refused. <see cref="Message"/> is German (Sie-form); <see cref="Code"/> is stable.</summary>
public sealed record ConsentError(string Code, string Message);

public static class ConsentErrorCodes
{
    public const string InvalidSubject = "consent.invalid-subject";
    public const string InvalidPurpose = "consent.invalid-purpose";
    public const string InvalidScope = "consent.invalid-scope";
    public const string InvalidTextVersion = "consent.invalid-text-version";
    public const string InvalidActor = "consent.invalid-actor";
    public const string NeverGranted = "consent.never-granted";
    public const string AlreadyWithdrawn = "consent.already-withdrawn";
    public const string Conflict = "consent.conflict";
}

/// <summary>Either the new <see cref="Entry"/> or an <see cref="Error"/>.</summary>
public sealed record ConsentResult
{
    private ConsentResult()
    {
    }

    [MemberNotNullWhen(true, nameof(Entry))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Entry is not null;

    public ConsentEntry? Entry { get; private init; }

    public ConsentError? Error { get; private init; }

    internal static ConsentResult Success(ConsentEntry entry) => new() { Entry = entry };

    internal static ConsentResult Failure(string code, string message) => new() { Error = new ConsentError(code, message) };
}
