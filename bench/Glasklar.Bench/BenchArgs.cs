namespace Glasklar.Bench;

/// <summary>Command-line options of the form <c>--name value</c>, shared by the benchmarks.</summary>
internal static class BenchArgs
{
    /// <summary>The value after the first <paramref name="name"/>, or <paramref name="fallback"/> if absent or last.</summary>
    public static string Get(string[] args, string name, string fallback)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : fallback;
    }
}
