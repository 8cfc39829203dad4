namespace Glasklar.Claims.Messages;

/// <summary>
/// A portal message about one claim (B1: replaces e-mail correspondence), from the customer or a clerk of
/// the insurer. Threaded by <see cref="ReplyToId"/>. The text may carry health data and is stored encrypted.
/// Deleted with its claim (foreign key with cascade).
/// </summary>
internal sealed class ClaimMessage
{
    public const int TextMaxLength = 4000;

    private ClaimMessage()
    {
        TextProtected = "";
    }

    public ClaimMessage(Guid id, Guid claimId, Guid authorUserId, bool fromCustomer, string textProtected, Guid? replyToId, DateTime sentUtc)
    {
        Id = id;
        ClaimId = claimId;
        AuthorUserId = authorUserId;
        FromCustomer = fromCustomer;
        TextProtected = textProtected;
        ReplyToId = replyToId;
        SentUtc = sentUtc;
    }

    public Guid Id { get; private set; }

    public Guid ClaimId { get; private set; }

    public Guid AuthorUserId { get; private set; }

    /// <summary>True for the customer's messages, false for the insurer's.</summary>
    public bool FromCustomer { get; private set; }

    public string TextProtected { get; private set; }

    public Guid? ReplyToId { get; private set; }

    public DateTime SentUtc { get; private set; }
}
