namespace Glasklar.Platform.Identity.TwoFactor;

/// <summary>
/// RFC 4648 Base32 (alphabet A–Z, 2–7). Authenticator apps expect TOTP secrets in this form. Decoding is
/// forgiving about what people type or copy (lower case, spaces, missing padding) but strict about
/// everything else, so a mistyped secret is reported instead of silently producing a different key.
/// </summary>
internal static class Base32
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    public static string Encode(ReadOnlySpan<byte> data, bool padding = true)
    {
        if (data.IsEmpty)
        {
            return "";
        }

        var chars = new List<char>((data.Length + 4) / 5 * 8);
        var buffer = 0;
        var bits = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                bits -= 5;
                chars.Add(Alphabet[(buffer >> bits) & 31]);
            }
        }

        if (bits > 0)
        {
            // Left-align the remaining bits in a final quintet, filled with zero bits.
            chars.Add(Alphabet[(buffer << (5 - bits)) & 31]);
        }

        if (padding)
        {
            while (chars.Count % 8 != 0)
            {
                chars.Add('=');
            }
        }

        return new string([.. chars]);
    }

    /// <summary>Decodes Base32; false for characters outside the alphabet or an impossible length.</summary>
    public static bool TryDecode(string? text, out byte[] data)
    {
        data = [];
        if (text is null)
        {
            return false;
        }

        var symbols = new List<int>(text.Length);
        var paddingSeen = false;
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '\r' or '\n' or '-')
            {
                continue;
            }

            if (c == '=')
            {
                paddingSeen = true;
                continue;
            }

            // Padding only at the end.
            if (paddingSeen)
            {
                return false;
            }

            var value = Alphabet.IndexOf(char.ToUpperInvariant(c), StringComparison.Ordinal);
            if (value < 0)
            {
                return false;
            }

            symbols.Add(value);
        }

        // A block of 8 symbols holds 5 bytes; a shorter final block can only have 2, 4, 5 or 7 symbols.
        if (symbols.Count % 8 is 1 or 3 or 6)
        {
            return false;
        }

        var result = new byte[symbols.Count * 5 / 8];
        var buffer = 0;
        var bits = 0;
        var index = 0;
        foreach (var symbol in symbols)
        {
            buffer = (buffer << 5) | symbol;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                result[index++] = (byte)(buffer >> bits);
            }
        }

        data = result;
        return true;
    }
}
