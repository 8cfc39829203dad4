namespace Glasklar.Claims.Documents;

/// <summary>
/// Nachforderung: a clerk asks the customer for a missing document by a due date. The customer sees it as a
/// task on the claim page and uploads there; the upload becomes a receipt of the claim and closes the task.
/// The description may name a diagnosis, so it is stored encrypted (health purpose). Reminders go out once
/// before and once after the due date (<see cref="ReminderBeforeUtc"/>, <see cref="ReminderAfterUtc"/>).
/// </summary>
internal sealed class DocumentRequest
{
    public const int DescriptionMaxLength = 500;

    private DocumentRequest()
    {
        DescriptionProtected = "";
    }

    public DocumentRequest(Guid id, Guid claimId, string descriptionProtected, DateOnly dueDate, DateTime requestedUtc, Guid requestedByUserId)
    {
        Id = id;
        ClaimId = claimId;
        DescriptionProtected = descriptionProtected;
        DueDate = dueDate;
        RequestedUtc = requestedUtc;
        RequestedByUserId = requestedByUserId;
    }

    public Guid Id { get; private set; }

    public Guid ClaimId { get; private set; }

    public string DescriptionProtected { get; private set; }

    /// <summary>Frist: the last day to upload (calendar day in Germany).</summary>
    public DateOnly DueDate { get; private set; }

    public DateTime RequestedUtc { get; private set; }

    public Guid RequestedByUserId { get; private set; }

    public DateTime? FulfilledUtc { get; private set; }

    /// <summary>The receipt the customer uploaded for this task.</summary>
    public Guid? ReceiptId { get; private set; }

    public DateTime? ReminderBeforeUtc { get; private set; }

    public DateTime? ReminderAfterUtc { get; private set; }

    public bool IsOpen => FulfilledUtc is null;

    public bool IsOverdue(DateOnly today) => IsOpen && DueDate < today;

    public void Fulfil(Guid receiptId, DateTime nowUtc)
    {
        ReceiptId = receiptId;
        FulfilledUtc = nowUtc;
    }

    public void MarkReminderBefore(DateTime nowUtc) => ReminderBeforeUtc = nowUtc;

    public void MarkReminderAfter(DateTime nowUtc) => ReminderAfterUtc = nowUtc;
}
