namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// Folds German spelling variants onto one form: lower case, ä→ae, ö→oe, ü→ue, ß→ss, and common
/// accents dropped. "Schwerhörig", "SCHWERHOERIG" and "schwerhoerig" all become "schwerhoerig".
/// </summary>
internal static class GermanFolding
{
    /// <summary>Appends the folded form of <paramref name="c"/> to <paramref name="buffer"/>; returns chars written (1 or 2).</summary>
    public static int Fold(char c, Span<char> buffer)
    {
        if (c is >= 'a' and <= 'z' or >= '0' and <= '9')
        {
            buffer[0] = c;
            return 1;
        }

        if (c is >= 'A' and <= 'Z')
        {
            buffer[0] = (char)(c + 32);
            return 1;
        }

        switch (c)
        {
            case 'ä' or 'Ä': return Two('a', 'e', buffer);
            case 'ö' or 'Ö': return Two('o', 'e', buffer);
            case 'ü' or 'Ü': return Two('u', 'e', buffer);
            case 'ß' or 'ẞ': return Two('s', 's', buffer);
            case 'é' or 'è' or 'ê' or 'ë' or 'É' or 'È' or 'Ê': buffer[0] = 'e'; return 1;
            case 'á' or 'à' or 'â' or 'Á' or 'À' or 'Â': buffer[0] = 'a'; return 1;
            case 'ó' or 'ò' or 'ô' or 'Ó' or 'Ò' or 'Ô': buffer[0] = 'o'; return 1;
            case 'ú' or 'ù' or 'û' or 'Ú' or 'Ù' or 'Û': buffer[0] = 'u'; return 1;
            case 'í' or 'ì' or 'î' or 'ï' or 'Í' or 'Ì' or 'Î': buffer[0] = 'i'; return 1;
            case 'ç' or 'Ç': buffer[0] = 'c'; return 1;
            case 'ñ' or 'Ñ': buffer[0] = 'n'; return 1;
            default: buffer[0] = char.ToLowerInvariant(c); return 1;
        }
    }

    /// <summary>Folds a whole string (used when loading lexicons, so data files may be written with umlauts).</summary>
    public static string Fold(string s)
    {
        Span<char> two = stackalloc char[2];
        var sb = new System.Text.StringBuilder(s.Length + 4);
        foreach (var c in s)
        {
            var n = Fold(c, two);
            sb.Append(two[..n]);
        }

        return sb.ToString();
    }

    private static int Two(char a, char b, Span<char> buffer)
    {
        buffer[0] = a;
        buffer[1] = b;
        return 2;
    }
}
