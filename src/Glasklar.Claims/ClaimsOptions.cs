namespace Glasklar.Claims;

/// <summary>Settings under <c>Glasklar:Claims</c> (operator-specific, with defaults).</summary>
public sealed class ClaimsOptions
{
    public const string Section = "Glasklar:Claims";

    /// <summary>Unfinished drafts are deleted after this many days (default 30).</summary>
    public int DraftDays { get; set; } = 30;

    /// <summary>Settled claims and their receipts are accounting documents: kept this long after settlement (default 10 years, § 147 AO / § 257 HGB).</summary>
    public int SettledClaimYears { get; set; } = 10;
}
