using Glasklar.Platform.Tenancy;

namespace Glasklar.Claims.Submission;

/// <summary>Art der Leistung of one claim item.</summary>
internal enum TreatmentKind
{
    Ambulant,
    Stationaer,
    Zahn,
    Arznei,
    Hilfsmittel,
}

internal enum ClaimStatus
{
    /// <summary>Eingegangen: in the clerks' queue.</summary>
    Eingegangen,

    /// <summary>Abgerechnet: every item decided, benefit statement available.</summary>
    Abgerechnet,
}

/// <summary>
/// A submitted reimbursement claim (Erstattungsantrag). Only exists once submitted in full (a draft is a
/// <see cref="ClaimDraft"/>, never a claim). Tenant: the insurer of the contract. Health data (items),
/// bank details and receipts are stored Data-Protection encrypted (the *Protected columns).
/// </summary>
internal sealed class Claim : ITenantOwned
{
    public const int NumberMaxLength = 20;

    private readonly List<ClaimItem> _items = [];
    private readonly List<ClaimReceipt> _receipts = [];

    private Claim()
    {
        Number = BankProtected = "";
    }

    public Claim(Guid id, Guid organisationId, string number, Guid customerUserId, Guid contractId, Guid insuredPersonId, string bankProtected, DateTime submittedUtc)
    {
        Id = id;
        OrganisationId = organisationId;
        Number = number;
        CustomerUserId = customerUserId;
        ContractId = contractId;
        InsuredPersonId = insuredPersonId;
        BankProtected = bankProtected;
        SubmittedUtc = submittedUtc;
        Status = ClaimStatus.Eingegangen;
    }

    public Guid Id { get; private set; }

    public Guid OrganisationId { get; private set; }

    /// <summary>Antragsnummer shown on the receipt confirmation, e.g. "EA-20261203-7K3QX9".</summary>
    public string Number { get; private set; }

    public Guid CustomerUserId { get; private set; }

    public Guid ContractId { get; private set; }

    public Guid InsuredPersonId { get; private set; }

    /// <summary>Bankverbindung (holder, IBAN, BIC, bank name) as encrypted JSON.</summary>
    public string BankProtected { get; private set; }

    public ClaimStatus Status { get; private set; }

    public DateTime SubmittedUtc { get; private set; }

    public DateTime? SettledUtc { get; private set; }

    public Guid? SettledByUserId { get; private set; }

    /// <summary>Art. 18 restriction: kept, but not processed.</summary>
    public bool Restricted { get; private set; }

    public IReadOnlyList<ClaimItem> Items => _items;

    public IReadOnlyList<ClaimReceipt> Receipts => _receipts;

    public void AddItem(ClaimItem item) => _items.Add(item);

    public void AddReceipt(ClaimReceipt receipt) => _receipts.Add(receipt);

    public void Settle(Guid clerkUserId, DateTime nowUtc)
    {
        Status = ClaimStatus.Abgerechnet;
        SettledUtc = nowUtc;
        SettledByUserId = clerkUserId;
    }

    public void SetRestricted(bool restricted) => Restricted = restricted;
}

/// <summary>One position: treatment date, kind and amount are health data, encrypted as one JSON value.</summary>
internal sealed class ClaimItem
{
    private ClaimItem()
    {
        DetailsProtected = "";
    }

    public ClaimItem(Guid id, Guid claimId, int position, string detailsProtected, long claimedCents)
    {
        Id = id;
        ClaimId = claimId;
        Position = position;
        DetailsProtected = detailsProtected;
        ClaimedCents = claimedCents;
    }

    public Guid Id { get; private set; }

    public Guid ClaimId { get; private set; }

    public int Position { get; private set; }

    /// <summary>{treatmentDate, kind} encrypted.</summary>
    public string DetailsProtected { get; private set; }

    /// <summary>Beantragter Betrag in cent (the amount alone is no health datum; the statement sums it).</summary>
    public long ClaimedCents { get; private set; }

    /// <summary>Erstatteter Betrag in cent; null until decided.</summary>
    public long? ReimbursedCents { get; private set; }

    /// <summary>The clerk's reason (Begründung), encrypted: it may name a diagnosis.</summary>
    public string? ReasonProtected { get; private set; }

    public void Decide(long reimbursedCents, string? reasonProtected)
    {
        ReimbursedCents = reimbursedCents;
        ReasonProtected = reasonProtected;
    }
}

/// <summary>Kostenbeleg: the cleaned file, encrypted; its name encrypted too (it may name a clinic).</summary>
internal sealed class ClaimReceipt
{
    public const int ContentTypeMaxLength = 50;

    private ClaimReceipt()
    {
        FileNameProtected = ContentType = "";
        ContentProtected = [];
    }

    public ClaimReceipt(Guid id, Guid claimId, int position, string fileNameProtected, string contentType, int size, byte[] contentProtected)
    {
        Id = id;
        ClaimId = claimId;
        Position = position;
        FileNameProtected = fileNameProtected;
        ContentType = contentType;
        Size = size;
        ContentProtected = contentProtected;
    }

    public Guid Id { get; private set; }

    public Guid ClaimId { get; private set; }

    public int Position { get; private set; }

    public string FileNameProtected { get; private set; }

    public string ContentType { get; private set; }

    /// <summary>Size of the cleaned file in bytes.</summary>
    public int Size { get; private set; }

    public byte[] ContentProtected { get; private set; }
}

/// <summary>
/// Entwurf: a half-finished wizard, stored encrypted for the customer alone. Never in the clerks' queue,
/// never a claim; deleted after 30 days (configurable).
/// </summary>
internal sealed class ClaimDraft
{
    private ClaimDraft()
    {
        PayloadProtected = "";
    }

    public ClaimDraft(Guid id, Guid customerUserId, string payloadProtected, DateTime nowUtc)
    {
        Id = id;
        CustomerUserId = customerUserId;
        PayloadProtected = payloadProtected;
        CreatedUtc = UpdatedUtc = nowUtc;
    }

    public Guid Id { get; private set; }

    public Guid CustomerUserId { get; private set; }

    public string PayloadProtected { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    public void Update(string payloadProtected, DateTime nowUtc)
    {
        PayloadProtected = payloadProtected;
        UpdatedUtc = nowUtc;
    }
}
