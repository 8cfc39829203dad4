using System.Diagnostics.CodeAnalysis;

namespace Glasklar.Privacy.Pseudonyms;

/// <summary>
/// Promises X8 and C14: keyed pseudonyms for analysis datasets and exports. Every dataset gets a fresh
/// random key, so the same value has unrelated pseudonyms in two exports (they cannot be joined), and
/// the key is destroyed when the dataset is complete unless a trustee keeps it.
/// </summary>
public interface IPseudonymService
{
    /// <summary>Starts a dataset with a fresh 256-bit random key. Dispose or complete it when the export is written.</summary>
    PseudonymDataset CreateDataset();
}

/// <summary>
/// Re-identification by the trustee: opens a kept key so the trustee can pseudonymise known identifiers
/// again and find them in the dataset. Resolve it only in code that has checked the trustee role.
/// </summary>
public interface IPseudonymTrustee
{
    PseudonymKeyOpenResult Open(SealedPseudonymKey sealedKey);
}

/// <summary>A dataset key protected with ASP.NET Core Data Protection, bound to its dataset id.</summary>
public sealed record SealedPseudonymKey(Guid DatasetId, string ProtectedKey);

/// <summary>Either the re-opened <see cref="Dataset"/> or a German <see cref="Error"/> message.</summary>
public sealed record PseudonymKeyOpenResult
{
    private PseudonymKeyOpenResult()
    {
    }

    [MemberNotNullWhen(true, nameof(Dataset))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool Succeeded => Dataset is not null;

    public PseudonymDataset? Dataset { get; private init; }

    public string? Error { get; private init; }

    internal static PseudonymKeyOpenResult Success(PseudonymDataset dataset) => new() { Dataset = dataset };

    internal static PseudonymKeyOpenResult Failure(string error) => new() { Error = error };
}

/// <summary>
/// Refuses an export in which a combination of quasi-identifiers (e.g. postcode, birth year, vehicle
/// model) is shared by fewer than k rows, because such rows can be singled out by someone who knows
/// those attributes. k comes from <c>Glasklar:Privacy:KAnonymity</c> (default 5).
/// </summary>
public interface IKAnonymityCheck
{
    int K { get; }

    KAnonymityResult Check(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, IReadOnlyList<string> quasiIdentifiers);
}

/// <summary>
/// One combination of quasi-identifier values that occurs too rarely: how often, and in which input rows.
/// Deliberately without the values themselves, so the result can be logged or shown without singling
/// anyone out; the row indexes mean something only to the caller, who holds the rows anyway and can
/// now generalise or suppress exactly those.
/// </summary>
public sealed record KAnonymityViolation(int Count, IReadOnlyList<int> RowIndexes);

public sealed record KAnonymityResult(int K, IReadOnlyList<KAnonymityViolation> Violations, string? Message)
{
    public bool Passed => Violations.Count == 0;
}
