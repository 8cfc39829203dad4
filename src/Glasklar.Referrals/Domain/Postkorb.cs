using Glasklar.Platform.Tenancy;

namespace Glasklar.Referrals.Domain;

/// <summary>State of a Postkorb ticket: offen (waiting for the other side), beantwortet, geschlossen.</summary>
internal enum TicketState
{
    Offen,
    Beantwortet,
    Geschlossen,
}

/// <summary>
/// "Mein Postkorb" (A13): a ticket per referral to change details or ask questions, between the agency and the
/// repair network, instead of e-mail. Betreff and every message pass the text guard before they are stored.
/// </summary>
internal sealed class PostkorbTicket : ITenantOwned
{
    public const int SubjectMaxLength = 120;

    private PostkorbTicket()
    {
        Subject = "";
    }

    public PostkorbTicket(Guid id, Guid referralId, Guid agencyId, string subject, Guid createdByUserId, Guid createdByOrganisationId, DateTime createdUtc)
    {
        Id = id;
        ReferralId = referralId;
        OrganisationId = agencyId;
        Subject = subject;
        CreatedByUserId = createdByUserId;
        CreatedByOrganisationId = createdByOrganisationId;
        CreatedUtc = createdUtc;
        UpdatedUtc = createdUtc;
        State = TicketState.Offen;
    }

    public Guid Id { get; private set; }

    public Guid ReferralId { get; private set; }

    /// <summary>The referral's agency.</summary>
    public Guid OrganisationId { get; private set; }

    /// <summary>Betreff.</summary>
    public string Subject { get; private set; }

    public TicketState State { get; private set; }

    /// <summary>After loading: Betreff is stored encrypted (FreeTextEncryption).</summary>
    internal void RevealFreeText(Func<string?, string?> unprotect) => Subject = unprotect(Subject)!;

    public Guid CreatedByUserId { get; private set; }

    public Guid CreatedByOrganisationId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    public List<PostkorbMessage> Messages { get; private set; } = [];

    /// <summary>A reply from the other side answers the ticket; a reply from the opening side reopens it.</summary>
    public void Replied(Guid byOrganisationId, DateTime nowUtc)
    {
        State = byOrganisationId == CreatedByOrganisationId ? TicketState.Offen : TicketState.Beantwortet;
        UpdatedUtc = nowUtc;
    }

    public void Close(DateTime nowUtc)
    {
        State = TicketState.Geschlossen;
        UpdatedUtc = nowUtc;
    }

    public static string German(TicketState state) => state switch
    {
        TicketState.Offen => "offen",
        TicketState.Beantwortet => "beantwortet",
        _ => "geschlossen",
    };
}

/// <summary>One entry of a ticket's thread; the first one is the Beschreibung. Who wrote it is kept for A14.</summary>
internal sealed class PostkorbMessage
{
    public const int BodyMaxLength = 2000;

    private PostkorbMessage()
    {
        Body = "";
    }

    public PostkorbMessage(Guid id, Guid ticketId, string body, Guid authorUserId, Guid authorOrganisationId, DateTime createdUtc)
    {
        Id = id;
        TicketId = ticketId;
        Body = body;
        AuthorUserId = authorUserId;
        AuthorOrganisationId = authorOrganisationId;
        CreatedUtc = createdUtc;
    }

    public Guid Id { get; private set; }

    public Guid TicketId { get; private set; }

    public string Body { get; private set; }

    /// <summary>After loading: the text is stored encrypted (FreeTextEncryption).</summary>
    internal void RevealFreeText(Func<string?, string?> unprotect) => Body = unprotect(Body)!;

    public Guid AuthorUserId { get; private set; }

    public Guid AuthorOrganisationId { get; private set; }

    public DateTime CreatedUtc { get; private set; }
}
