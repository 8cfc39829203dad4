namespace Glasklar.Privacy.Images;

/// <summary>
/// Collects the pieces of the cleaned file (ranges of the input plus small synthetic blocks) while parsing,
/// so the output is allocated exactly once, after every check has passed.
/// </summary>
internal sealed class OutputPlan
{
    private readonly List<Piece> _pieces = new(16);

    private bool _sealed;

    internal int Length { get; private set; }

    /// <summary>Ends the current piece so a later <see cref="InsertAt"/> can splice at this point; returns the position.</summary>
    internal int Seal()
    {
        _sealed = true;
        return _pieces.Count;
    }

    internal void InsertAt(int position, byte[] bytes)
    {
        _pieces.Insert(position, new Piece(0, bytes.Length, bytes));
        Length += bytes.Length;
    }

    internal void Copy(int start, int length)
    {
        if (length <= 0)
        {
            return;
        }

        // Adjacent ranges merge, so scans split by markers stay one memcpy.
        if (!_sealed && _pieces.Count > 0 && _pieces[^1] is { Inline: null } last && last.Start + last.Length == start)
        {
            _pieces[^1] = last with { Length = last.Length + length };
        }
        else
        {
            _pieces.Add(new Piece(start, length, null));
        }

        _sealed = false;

        Length += length;
    }

    internal void Add(byte[] bytes)
    {
        _pieces.Add(new Piece(0, bytes.Length, bytes));
        Length += bytes.Length;
    }

    internal void Prepend(byte[] bytes) => InsertAt(0, bytes);

    /// <summary>Writes the pieces into <c>allocate(Length)</c> (at least that long).</summary>
    internal (byte[] Buffer, int Length) Build(ReadOnlySpan<byte> input, Func<int, byte[]> allocate)
    {
        var output = allocate(Length);
        if (output.Length < Length)
        {
            throw new ArgumentException("The allocator returned a shorter array than asked for.", nameof(allocate));
        }

        var at = 0;
        foreach (var p in _pieces)
        {
            var source = p.Inline is null ? input.Slice(p.Start, p.Length) : p.Inline;
            source.CopyTo(output.AsSpan(at));
            at += p.Length;
        }

        return (output, Length);
    }

    private readonly record struct Piece(int Start, int Length, byte[]? Inline);
}
