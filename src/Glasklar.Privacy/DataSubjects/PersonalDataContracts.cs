namespace Glasklar.Privacy.DataSubjects;

/// <summary>
/// Who a data-subject request (X7) is about. Modules match on what they know: a registered user by
/// <see cref="UserId"/>, a policyholder who never registered (a referral, a telematics contract) by
/// surname together with policy number, phone or licence plate. The DPO fills in what the identity
/// check established; a source matches only when every value it needs is present and equal.
/// </summary>
public sealed record DataSubject(
    Guid? UserId = null,
    string? Email = null,
    string? Surname = null,
    string? PolicyNumber = null,
    string? Phone = null,
    string? LicencePlate = null,
    string? Imei = null);

/// <summary>
/// Where a datum came from (A14, X7): module and form, who entered it (user and organisation ids; the
/// report resolves names), and when. <see cref="EnteredByUserId"/> is null for data the subject
/// entered without an account or that a device sent.
/// </summary>
public sealed record Provenance(
    string Module,
    string Form,
    Guid? EnteredByUserId,
    Guid? EnteredByOrganisationId,
    DateTimeOffset EnteredAt);

/// <summary>
/// One datum of an access report: a category (e.g. "Vermittlung", "Postkorb"), the field name in
/// German, its value as stored (decrypted), the record it belongs to and its provenance.
/// </summary>
public sealed record PersonalDatum(string Category, string RecordRef, string Field, string? Value, Provenance Provenance);

/// <summary>What a module kept after an erasure and why (a statutory hold): counts only, no values.</summary>
public sealed record KeptData(string Category, int Count, string Reason, DateOnly? BlockedUntil);

/// <summary>What an erasure did in one module.</summary>
public sealed record ErasureOutcome(string Module, int Deleted, int Anonymised, IReadOnlyList<KeptData> Kept)
{
    public static ErasureOutcome Nothing(string module) => new(module, 0, 0, []);
}

/// <summary>
/// The contract each module implements so the privacy core can answer data-subject requests
/// (X7, A14, B14, C17) without knowing the module's types. Register with
/// <c>services.AddScoped&lt;IPersonalDataSource, …&gt;()</c>.
/// </summary>
public interface IPersonalDataSource
{
    /// <summary>Module name as shown in reports, e.g. "Vermittlung".</summary>
    string Module { get; }

    /// <summary>Every datum about the subject, streamed (telematics positions can be millions).</summary>
    IAsyncEnumerable<PersonalDatum> CollectAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes or anonymises the subject's data, except what a statutory hold keeps: that is blocked
    /// (invisible to staff) and reported in <see cref="ErasureOutcome.Kept"/>. Joins the caller's
    /// transaction (the scope's shared <c>DbSession</c>).
    /// </summary>
    Task<ErasureOutcome> EraseAsync(DataSubject subject, CancellationToken cancellationToken);

    /// <summary>Sets or lifts restriction of processing (Art. 18); returns the number of affected records.</summary>
    Task<int> SetRestrictedAsync(DataSubject subject, bool restricted, CancellationToken cancellationToken);
}
