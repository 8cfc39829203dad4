namespace Glasklar.Privacy.DataSubjects;

/// <summary>The rights of Art. 15–21 GDPR a request can invoke (B14, C17).</summary>
public enum SubjectRequestKind
{
    /// <summary>Auskunft (Art. 15) and Datenübertragbarkeit (Art. 20).</summary>
    Access,

    /// <summary>Löschung (Art. 17).</summary>
    Erasure,

    /// <summary>Einschränkung der Verarbeitung (Art. 18).</summary>
    Restriction,

    /// <summary>Berichtigung (Art. 16).</summary>
    Rectification,

    /// <summary>Widerspruch (Art. 21), e.g. to direct marketing or driving evaluation (C17).</summary>
    Objection,
}

/// <summary>Where a request stands in the DPO's work queue.</summary>
public enum SubjectRequestState
{
    Received,
    InProgress,
    Completed,
    Rejected,
}

/// <summary>
/// One data-subject request (X7): who it is about, who filed it (the person, or staff on the caller's
/// behalf after an identity check), the deadline of Art. 12(3) (one month from receipt) and the answer.
/// </summary>
internal sealed class SubjectRequest
{
    public const int ValueMaxLength = 200;
    public const int DetailsMaxLength = 2000;
    public const int AnswerMaxLength = 4000;

    private SubjectRequest()
    {
    }

    public SubjectRequest(Guid id, SubjectRequestKind kind, DataSubject subject, string? details, DateTime receivedUtc,
        Guid filedByUserId, Guid? filedByOrganisationId, bool onBehalf, string? identityCheck)
    {
        Id = id;
        Kind = kind;
        SubjectUserId = subject.UserId;
        SubjectEmail = subject.Email;
        SubjectSurname = subject.Surname;
        SubjectPolicyNumber = subject.PolicyNumber;
        SubjectPhone = subject.Phone;
        SubjectLicencePlate = subject.LicencePlate;
        Details = details;
        ReceivedUtc = receivedUtc;
        DueOn = DueFor(receivedUtc);
        FiledByUserId = filedByUserId;
        FiledByOrganisationId = filedByOrganisationId;
        OnBehalf = onBehalf;
        IdentityCheck = identityCheck;
        State = SubjectRequestState.Received;
    }

    public Guid Id { get; private set; }

    public SubjectRequestKind Kind { get; private set; }

    public SubjectRequestState State { get; private set; }

    public Guid? SubjectUserId { get; private set; }

    public string? SubjectEmail { get; private set; }

    public string? SubjectSurname { get; private set; }

    public string? SubjectPolicyNumber { get; private set; }

    public string? SubjectPhone { get; private set; }

    public string? SubjectLicencePlate { get; private set; }

    /// <summary>What to rectify, what the objection is about, or other notes of the person.</summary>
    public string? Details { get; private set; }

    public DateTime ReceivedUtc { get; private set; }

    /// <summary>Art. 12(3): answer within one month of receipt.</summary>
    public DateOnly DueOn { get; private set; }

    public Guid FiledByUserId { get; private set; }

    public Guid? FiledByOrganisationId { get; private set; }

    /// <summary>Filed by staff for a caller (then <see cref="IdentityCheck"/> says how identity was established).</summary>
    public bool OnBehalf { get; private set; }

    public string? IdentityCheck { get; private set; }

    public string? Answer { get; private set; }

    public DateTime? AnsweredUtc { get; private set; }

    public Guid? AnsweredByUserId { get; private set; }

    public DateTime? ClosedUtc { get; private set; }

    /// <summary>Kept past its retention period because of a legal hold: invisible in the work queue.</summary>
    public bool Blocked { get; private set; }

    public bool IsOpen => State is SubjectRequestState.Received or SubjectRequestState.InProgress;

    public DataSubject Subject => new(SubjectUserId, SubjectEmail, SubjectSurname, SubjectPolicyNumber, SubjectPhone, SubjectLicencePlate);

    public static DateOnly DueFor(DateTime receivedUtc) => DateOnly.FromDateTime(receivedUtc).AddMonths(1);

    public void Start()
    {
        if (State == SubjectRequestState.Received)
        {
            State = SubjectRequestState.InProgress;
        }
    }

    public void Close(SubjectRequestState state, string answer, Guid byUserId, DateTime utc)
    {
        State = state;
        Answer = answer;
        AnsweredByUserId = byUserId;
        AnsweredUtc = utc;
        ClosedUtc = utc;
    }

    public void Block() => Blocked = true;
}

/// <summary>A restriction of processing (Art. 18) on a subject reference: modules ask before processing.</summary>
internal sealed class ProcessingRestriction
{
    private ProcessingRestriction()
    {
        SubjectRef = "";
    }

    public ProcessingRestriction(string subjectRef, DateTime sinceUtc)
    {
        SubjectRef = subjectRef;
        SinceUtc = sinceUtc;
    }

    public string SubjectRef { get; private set; }

    public DateTime SinceUtc { get; private set; }
}
