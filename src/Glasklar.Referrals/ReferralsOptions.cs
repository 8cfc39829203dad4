namespace Glasklar.Referrals;

/// <summary>Settings under <c>Glasklar:Referrals</c>. Operator-specific values with brand-neutral defaults.</summary>
internal sealed class ReferralsOptions
{
    public const string Section = "Glasklar:Referrals";

    /// <summary>Version of the consent text the agent confirms for optional data (A6); recorded with each consent.</summary>
    public string ConsentTextVersion { get; set; } = "vermittlung-freiwillig-2026-12";

    /// <summary>Insurers offered in the full form's drop-down.</summary>
    public List<string> Insurers { get; set; } = ["Versicherer (Demo)", "anderer Versicherer"];

    /// <summary>Servicenummer per agency (organisation id → number, A3). Agencies without an entry get a number derived from their id.</summary>
    public Dictionary<string, string> ServiceNumbers { get; set; } = [];

    /// <summary>Months after completion until a referral, its photos and Postkorb are deleted (default 13, for commission disputes).</summary>
    public int RetentionMonths { get; set; } = 13;

    /// <summary>Commission (Provision) in euros per referral, by mode and outcome (A10).</summary>
    public CommissionRates Commission { get; set; } = new();

    /// <summary>Largest accepted photo upload in bytes.</summary>
    public int MaxPhotoBytes { get; set; } = 10 * 1024 * 1024;
}

internal sealed class CommissionRates
{
    public decimal KomplettErledigt { get; set; } = 30m;

    public decimal SchnellErledigt { get; set; } = 20m;

    public decimal KomplettStorniert { get; set; }

    public decimal SchnellStorniert { get; set; }

    /// <summary>Referrals still being worked earn nothing yet.</summary>
    public decimal Offen { get; set; }
}
