namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// A trie over folded a–z keys. Walking it from every position of a word finds stems inside
/// compounds ("Elektrorollstuhl") in time linear in the word, without regex backtracking.
/// </summary>
internal sealed class StemTrie<T>
{
    private readonly List<int[]> _children = [new int[26]];
    private readonly List<List<T>?> _values = [null];

    public const int Root = 0;

    public void Add(string key, T value)
    {
        var node = Root;
        foreach (var c in key)
        {
            if (c is < 'a' or > 'z')
            {
                throw new FormatException($"Stem '{key}' may only contain a-z after folding.");
            }

            var next = _children[node][c - 'a'];
            if (next == 0)
            {
                next = _children.Count;
                _children.Add(new int[26]);
                _values.Add(null);
                _children[node][c - 'a'] = next;
            }

            node = next;
        }

        (_values[node] ??= []).Add(value);
    }

    /// <summary>The child reached by <paramref name="c"/>, or -1. Child index 0 never occurs (0 is the root).</summary>
    public int Step(int node, char c)
    {
        if (c is < 'a' or > 'z')
        {
            return -1;
        }

        var next = _children[node][c - 'a'];
        return next == 0 ? -1 : next;
    }

    public List<T>? ValuesAt(int node) => _values[node];
}
