using System.Text.RegularExpressions;
using Glasklar.Testing;

namespace Glasklar.Host.Tests.Architecture;

/// <summary>
/// docs/promises.md and the tests agree: every promise id cited by a test is listed there as kept or
/// partial, and every id listed as kept or partial is cited by at least one test.
/// </summary>
public sealed partial class PromiseRegisterTests
{
    [Fact]
    public void Promise_register_matches_the_promise_traits_of_the_tests()
    {
        var register = File.ReadAllText(Path.Combine(RepositoryPaths.Root, "docs", "promises.md"));
        var statuses = RegisterRow().Matches(register).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value);
        var cited = Directory.EnumerateFiles(Path.Combine(RepositoryPaths.Root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => PromiseTrait().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .ToHashSet();

        statuses.Count.ShouldBeGreaterThanOrEqualTo(60, "docs/promises.md lists every promise of PROMISES.md");
        cited.ShouldNotBeEmpty();
        foreach (var id in cited)
        {
            statuses.ShouldContainKey(id);
            statuses[id].ShouldBeOneOf(["kept", "partial"], $"{id} is cited by a test, so docs/promises.md must not call it open");
        }

        foreach (var (id, status) in statuses.Where(s => s.Value != "open"))
        {
            cited.ShouldContain(id, $"{id} is marked {status} in docs/promises.md but no test carries [Trait(\"Promise\", \"{id}\")]");
        }
    }

    [GeneratedRegex(@"^\| ([A-DX]\d+) \| [^|]+ \| (kept|partial|open) \|", RegexOptions.Multiline)]
    private static partial Regex RegisterRow();

    [GeneratedRegex(@"Trait\(""Promise"", ""([A-DX]\d+)""\)")]
    private static partial Regex PromiseTrait();
}
