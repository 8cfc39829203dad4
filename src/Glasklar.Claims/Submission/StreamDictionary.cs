namespace Glasklar.Claims.Submission;

/// <summary>
/// What <see cref="PdfStreams"/> needs from the dictionary in front of a <c>stream</c> keyword: its filters,
/// a direct /Length, whether it has decode parameters, and whether it is (or may be) an object stream.
/// The dictionary is read from the object's <c>obj</c> keyword on. Anything odd in it (literal strings,
/// comments, unbalanced brackets, no <c>obj</c> nearby) makes it count as a possible object stream, so a
/// crafted dictionary cannot talk the check out of looking inside.
/// </summary>
internal sealed record StreamDictionary(IReadOnlyList<string> Filters, int? Length, bool HasDecodeParms, bool IsObjectStream)
{
    private const int MaxHeader = 4096;

    public static StreamDictionary? Before(ReadOnlySpan<byte> content, int streamKeyword)
    {
        var end = streamKeyword;
        while (end > 0 && IsWhite(content[end - 1]))
        {
            end--;
        }

        if (end < 2 || content[end - 1] != (byte)'>' || content[end - 2] != (byte)'>')
        {
            return null; // the word "stream" without a dictionary in front is no stream
        }

        var from = Math.Max(0, end - MaxHeader);
        var header = content[from..end];
        var obj = LastObjKeyword(header);
        return Parse(obj < 0 ? header : header[(obj + 3)..], odd: obj < 0);
    }

    private static int LastObjKeyword(ReadOnlySpan<byte> header)
    {
        for (var at = header.LastIndexOf("obj"u8); at >= 0; at = header[..at].LastIndexOf("obj"u8))
        {
            var before = at == 0 || IsWhite(header[at - 1]);
            var after = at + 3 < header.Length && (IsWhite(header[at + 3]) || header[at + 3] == (byte)'<');
            if (before && after)
            {
                return at;
            }
        }

        return -1;
    }

    private static StreamDictionary Parse(ReadOnlySpan<byte> text, bool odd)
    {
        var tokens = new List<string>();
        var depth = 0;
        var opened = false;
        for (var i = 0; i < text.Length;)
        {
            var b = text[i];
            if (IsWhite(b))
            {
                i++;
            }
            else if (text[i..].StartsWith("<<"u8))
            {
                odd |= opened && depth == 0; // a second dictionary after the first one closed
                depth++;
                opened = true;
                tokens.Add("<<");
                i += 2;
            }
            else if (text[i..].StartsWith(">>"u8))
            {
                depth--;
                odd |= depth < 0;
                tokens.Add(">>");
                i += 2;
            }
            else if (b == (byte)'<')
            {
                // A hex string (an XRef stream's /ID): hex digits and whitespace only.
                var close = text[i..].IndexOf((byte)'>');
                odd |= close < 0 || text.Slice(i + 1, close - 1).IndexOfAnyExcept("0123456789abcdefABCDEF \r\n\t\f"u8) >= 0;
                tokens.Add("<hex>");
                i = close < 0 ? text.Length : i + close + 1;
            }
            else if (b == (byte)'/')
            {
                var nameEnd = PdfReceiptCheck.NameEnd(text, i + 1);
                tokens.Add("/" + PdfReceiptCheck.Decode(text[(i + 1)..nameEnd]));
                i = nameEnd;
            }
            else if (b is (byte)'[' or (byte)']')
            {
                tokens.Add(((char)b).ToString());
                i++;
            }
            else if (PdfReceiptCheck.IsRegular(b))
            {
                var wordEnd = PdfReceiptCheck.NameEnd(text, i);
                tokens.Add(System.Text.Encoding.ASCII.GetString(text[i..wordEnd]));
                i = wordEnd;
            }
            else
            {
                odd = true; // literal strings, comments, braces, bytes outside ASCII
                i++;
            }
        }

        odd |= depth != 0 || !opened || tokens.Count == 0 || tokens[0] != "<<";
        return Read(tokens, odd);
    }

    private static StreamDictionary Read(List<string> tokens, bool odd)
    {
        var filters = new List<string>();
        int? length = null;
        var parms = false;
        bool objStm = false, first = false, n = false;
        var depth = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            depth += t == "<<" ? 1 : t == ">>" ? -1 : 0;
            objStm |= t == "/ObjStm";

            // In an odd dictionary the nesting cannot be trusted: every key counts, the last one wins.
            if (depth != 1 && !odd)
            {
                continue;
            }

            var next = i + 1 < tokens.Count ? tokens[i + 1] : "";
            switch (t)
            {
                case "/First": first = true; break;
                case "/N": n = true; break;
                case "/DecodeParms" or "/DP": parms = true; break;
                case "/Length" when int.TryParse(next, out var l) && !(i + 3 < tokens.Count && tokens[i + 3] == "R"):
                    length = l;
                    break;
                case "/Filter":
                    filters = FilterNames(tokens, i + 1);
                    break;
            }
        }

        return new StreamDictionary(filters, length, parms, objStm || (first && n) || odd);
    }

    private static List<string> FilterNames(List<string> tokens, int value)
    {
        var next = value < tokens.Count ? tokens[value] : "";
        if (next.StartsWith('/'))
        {
            return [Canonical(next[1..])];
        }

        if (next != "[")
        {
            return ["?"]; // an indirect filter: unknown
        }

        var filters = new List<string>();
        for (var j = value + 1; j < tokens.Count && tokens[j] != "]"; j++)
        {
            filters.Add(tokens[j].StartsWith('/') ? Canonical(tokens[j][1..]) : "?");
        }

        return filters;
    }

    // Readers accept the inline-image abbreviation for streams too.
    private static string Canonical(string filter) => filter == "Fl" ? "FlateDecode" : filter;

    private static bool IsWhite(byte b) => b is (byte)' ' or (byte)'\r' or (byte)'\n' or (byte)'\t' or (byte)'\f' or 0;
}
