namespace Glasklar.Privacy.Retention;

/// <summary>
/// A statutory or legal hold (gesetzliche Aufbewahrungspflicht, Rechtsstreit, Betriebsprüfung) on one
/// subject reference and data category: the data is kept but blocked (gesperrt) until <see cref="EndsOn"/>.
/// <see cref="AllCategories"/> holds every category of the subject.
/// </summary>
internal sealed class LegalHold
{
    public const string AllCategories = "*";
    public const int SubjectMaxLength = 200;
    public const int CategoryMaxLength = 200;
    public const int ReasonMaxLength = 500;

    private LegalHold()
    {
        SubjectRef = "";
        Category = "";
        Reason = "";
    }

    public LegalHold(Guid id, string subjectRef, string category, string reason, DateOnly endsOn, DateTime createdUtc, Guid createdByUserId)
    {
        Id = id;
        SubjectRef = subjectRef;
        Category = category;
        Reason = reason;
        EndsOn = endsOn;
        CreatedUtc = createdUtc;
        CreatedByUserId = createdByUserId;
    }

    public Guid Id { get; private set; }

    /// <summary>Opaque reference as in the consent ledger, e.g. "user:&lt;id&gt;", "referral:&lt;id&gt;".</summary>
    public string SubjectRef { get; private set; }

    /// <summary>A retention category (as in <c>RetentionPolicy.Category</c>) or "*".</summary>
    public string Category { get; private set; }

    /// <summary>Why the data must be kept (legal basis), shown to the DPO and in erasure reports.</summary>
    public string Reason { get; private set; }

    /// <summary>Last day of the hold; from the next day on the data may be deleted.</summary>
    public DateOnly EndsOn { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public Guid CreatedByUserId { get; private set; }

    public DateTime? LiftedUtc { get; private set; }

    public bool IsActiveOn(DateOnly day) => LiftedUtc is null && EndsOn >= day;

    public bool Covers(string category) => Category == AllCategories || string.Equals(Category, category, StringComparison.Ordinal);

    public void Lift(DateTime utc) => LiftedUtc ??= utc;
}
