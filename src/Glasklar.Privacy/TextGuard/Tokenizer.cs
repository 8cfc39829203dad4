namespace Glasklar.Privacy.TextGuard;

/// <summary>A word or number of the original text, with its folded form in a shared buffer.</summary>
internal readonly record struct Token(int Start, int Length, int NormStart, int NormLength, bool IsNumber, bool HyphenToNext, int Clause);

/// <summary>The tokens of one text plus the folded characters they point into.</summary>
internal sealed class TokenizedText
{
    public TokenizedText(string text)
    {
        Text = text;
        Folded = new char[(text.Length * 2) + 2];
        var tokens = new List<Token>(text.Length / 5 + 4);
        Span<char> two = stackalloc char[2];
        var pos = 0;
        var i = 0;
        var clause = 0;
        while (i < text.Length)
        {
            if (!char.IsLetterOrDigit(text[i]))
            {
                // Context rules and phrases stay inside one clause: "Kunde ist blind, Scheibe hat Riss" has two.
                if (IsClauseBreak(text, i))
                {
                    clause++;
                }

                i++;
                continue;
            }

            var start = i;
            var normStart = pos;
            var allDigits = true;
            while (i < text.Length && char.IsLetterOrDigit(text[i]))
            {
                allDigits &= char.IsAsciiDigit(text[i]);
                var n = GermanFolding.Fold(text[i], two);
                two[..n].CopyTo(Folded.AsSpan(pos));
                pos += n;
                i++;
            }

            // "Krankenhaus-Straße", "Diabetes-Patient": remember the hyphen so compound rules can look across it.
            var hyphen = i + 1 < text.Length && text[i] == '-' && char.IsLetter(text[i + 1]);
            tokens.Add(new Token(start, i - start, normStart, pos - normStart, allDigits, hyphen, clause));
        }

        Tokens = tokens;
    }

    public string Text { get; }

    public char[] Folded { get; }

    public List<Token> Tokens { get; }

    public int Count => Tokens.Count;

    public ReadOnlySpan<char> Norm(int index)
    {
        var t = Tokens[index];
        return Folded.AsSpan(t.NormStart, t.NormLength);
    }

    private static bool IsClauseBreak(string text, int i)
    {
        var c = text[i];
        if (c is ',' or ';' or '!' or '?' or ':' or '\n' or '(' or ')' or '–')
        {
            return true;
        }

        // A full stop ends a clause unless it sits between digits (dates, amounts) or ends a short abbreviation ("geb.", "Tel.").
        if (c == '.')
        {
            var prevDigit = i > 0 && char.IsAsciiDigit(text[i - 1]);
            var nextDigit = i + 1 < text.Length && char.IsAsciiDigit(text[i + 1]);
            if (prevDigit && nextDigit)
            {
                return false;
            }

            var wordLength = 0;
            for (var k = i - 1; k >= 0 && char.IsLetter(text[k]); k--)
            {
                wordLength++;
            }

            return wordLength == 0 || wordLength > 4;
        }

        return false;
    }
}
