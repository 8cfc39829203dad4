namespace Glasklar.Claims.Timeline;

/// <summary>Steps of the status timeline (Bearbeitungsverlauf) the customer sees on the claim page.</summary>
internal enum ClaimEventKind
{
    /// <summary>Eingegangen: taken from <see cref="Submission.Claim.SubmittedUtc"/>, never stored as an event.</summary>
    Eingegangen,

    /// <summary>In Prüfung: a clerk opened the claim for the first time.</summary>
    InPruefung,

    /// <summary>Unterlagen angefordert: a clerk asked for a missing document.</summary>
    UnterlagenAngefordert,

    /// <summary>Unterlagen eingegangen: the customer uploaded a requested document.</summary>
    UnterlagenEingegangen,

    /// <summary>Abgerechnet: taken from <see cref="Submission.Claim.SettledUtc"/>, never stored as an event.</summary>
    Abgerechnet,
}

/// <summary>
/// One recorded step of a claim's processing. Holds no content (the kind and the time only), so it can be
/// shown to the customer as it is. Deleted with its claim (foreign key with cascade).
/// </summary>
internal sealed class ClaimEvent
{
    private ClaimEvent()
    {
    }

    public ClaimEvent(Guid id, Guid claimId, ClaimEventKind kind, DateTime atUtc, Guid? actorUserId)
    {
        Id = id;
        ClaimId = claimId;
        Kind = kind;
        AtUtc = atUtc;
        ActorUserId = actorUserId;
    }

    public Guid Id { get; private set; }

    public Guid ClaimId { get; private set; }

    public ClaimEventKind Kind { get; private set; }

    public DateTime AtUtc { get; private set; }

    /// <summary>Who caused it (clerk or customer); never shown to the customer.</summary>
    public Guid? ActorUserId { get; private set; }
}
