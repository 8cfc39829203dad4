namespace Glasklar.Claims.Profile;

/// <summary>
/// Kundenprofil: what the customer saved for the next claim, today only the bank account for
/// reimbursements (B2: holder, IBAN, BIC, bank name), stored Data-Protection encrypted. One row per customer.
/// </summary>
internal sealed class CustomerProfile
{
    private CustomerProfile()
    {
    }

    public CustomerProfile(Guid customerUserId, DateTime nowUtc)
    {
        CustomerUserId = customerUserId;
        UpdatedUtc = nowUtc;
    }

    public Guid CustomerUserId { get; private set; }

    /// <summary>The bank account as encrypted JSON; null when none is saved.</summary>
    public string? BankProtected { get; private set; }

    public DateTime UpdatedUtc { get; private set; }

    public void SetBank(string? bankProtected, DateTime nowUtc)
    {
        BankProtected = bankProtected;
        UpdatedUtc = nowUtc;
    }
}
