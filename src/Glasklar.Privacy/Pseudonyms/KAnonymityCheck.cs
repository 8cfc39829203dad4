using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace Glasklar.Privacy.Pseudonyms;

/// <summary>Bound from <c>Glasklar:Privacy</c>.</summary>
internal sealed class PrivacyExportOptions
{
    public const string Section = "Glasklar:Privacy";

    /// <summary>Minimum number of rows that must share every combination of quasi-identifiers.</summary>
    public int KAnonymity { get; set; } = 5;
}

/// <summary>
/// Groups the rows by their quasi-identifier values (exact, ordinal; a missing column counts as empty)
/// and reports every group smaller than k. Values are compared as given: generalise first (birth year
/// instead of date, first digits of the postcode), then check.
/// </summary>
internal sealed class KAnonymityCheck(IOptions<PrivacyExportOptions> options) : IKAnonymityCheck
{
    public int K => options.Value.KAnonymity;

    public KAnonymityResult Check(IReadOnlyList<IReadOnlyDictionary<string, string?>> rows, IReadOnlyList<string> quasiIdentifiers)
    {
        ArgumentNullException.ThrowIfNull(rows);
        ArgumentNullException.ThrowIfNull(quasiIdentifiers);
        var k = K;
        var groups = new Dictionary<string, List<int>>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var key = GroupKey(rows[i], quasiIdentifiers);
            if (!groups.TryGetValue(key, out var members))
            {
                groups[key] = members = [];
            }

            members.Add(i);
        }

        var violations = groups.Values
            .Where(g => g.Count < k)
            .OrderBy(g => g[0])
            .Select(g => new KAnonymityViolation(g.Count, g))
            .ToList();
        if (violations.Count == 0)
        {
            return new KAnonymityResult(k, [], null);
        }

        var affectedRows = violations.Sum(v => v.Count);
        var message = string.Format(CultureInfo.GetCultureInfo("de-DE"),
            "Der Export wurde abgelehnt: {0} Kombination(en) der Merkmale {1} kommen seltener als {2}-mal vor " +
            "({3} Zeile(n) betroffen), sodass einzelne Personen erkennbar wären. " +
            "Bitte vergröbern Sie diese Merkmale oder lassen Sie die betroffenen Zeilen weg.",
            violations.Count, string.Join(", ", quasiIdentifiers), k, affectedRows);
        return new KAnonymityResult(k, violations, message);
    }

    // Length-prefixed, so ("ab", "c") and ("a", "bc") can never fall into the same group; null differs from "".
    private static string GroupKey(IReadOnlyDictionary<string, string?> row, IReadOnlyList<string> quasiIdentifiers)
    {
        var key = new StringBuilder();
        foreach (var column in quasiIdentifiers)
        {
            if (row.TryGetValue(column, out var value) && value is not null)
            {
                key.Append(value.Length).Append(':').Append(value);
            }
            else
            {
                key.Append('-');
            }
        }

        return key.ToString();
    }
}
