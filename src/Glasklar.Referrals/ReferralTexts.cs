namespace Glasklar.Referrals;

/// <summary>Marker for the referral pages' texts: German keys, English in Resources/ReferralTexts.en.resx.</summary>
public sealed class ReferralTexts;
