namespace Glasklar.Privacy.Consent;

/// <summary>
/// A row of <c>privacy_consent_records</c>. Only ever inserted: no setter is public, and the database
/// refuses UPDATE (and DELETE outside a subject erasure) with triggers, see the migration.
/// </summary>
internal sealed class ConsentRecord
{
    public const int SubjectMaxLength = 200;
    public const int PurposeMaxLength = 100;
    public const int ScopeMaxLength = 2000;
    public const int TextVersionMaxLength = 50;
    public const int ActionMaxLength = 20;

    /// <summary>Scope fields are stored sorted and joined by this separator (field names cannot contain it).</summary>
    public const char ScopeSeparator = ',';

    private ConsentRecord()
    {
        Subject = Purpose = Scope = TextVersion = "";
    }

    public ConsentRecord(
        Guid id, string subject, string purpose, int revision, ConsentAction action, IEnumerable<string> scope,
        string textVersion, DateTime recordedUtc, ConsentActor actor)
    {
        Id = id;
        Subject = subject;
        Purpose = purpose;
        Revision = revision;
        Action = action;
        Scope = string.Join(ScopeSeparator, scope.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal));
        TextVersion = textVersion;
        RecordedUtc = recordedUtc;
        ActorUserId = actor.UserId;
        ActorOrganisationId = actor.OrganisationId;
        OnBehalfOf = actor.OnBehalfOf;
    }

    public Guid Id { get; private set; }

    public string Subject { get; private set; }

    public string Purpose { get; private set; }

    /// <summary>
    /// 1, 2, 3 … per subject and purpose. Unique, so two concurrent writers cannot both append "the next"
    /// entry on a state they read before the other's write; the loser gets a typed conflict.
    /// </summary>
    public int Revision { get; private set; }

    public ConsentAction Action { get; private set; }

    public string Scope { get; private set; }

    public string TextVersion { get; private set; }

    public DateTime RecordedUtc { get; private set; }

    public Guid ActorUserId { get; private set; }

    public Guid ActorOrganisationId { get; private set; }

    public bool OnBehalfOf { get; private set; }

    public ConsentEntry ToEntry() => new(
        Id,
        Subject,
        Purpose,
        Revision,
        Action,
        Scope.Length == 0 ? [] : Scope.Split(ScopeSeparator),
        TextVersion,
        new DateTimeOffset(DateTime.SpecifyKind(RecordedUtc, DateTimeKind.Utc)),
        new ConsentActor(ActorUserId, ActorOrganisationId, OnBehalfOf));
}

/// <summary>
/// A row of <c>privacy_consent_erasures</c>: exists only inside the transaction of
/// <see cref="IConsentLedger.EraseSubjectAsync"/>. The delete trigger lets rows of a subject go only
/// while such a permit exists, so no other code path can quietly delete history.
/// </summary>
internal sealed class ConsentErasurePermit(string subject)
{
    public string Subject { get; private set; } = subject;
}
