using System.Text;
using System.Text.RegularExpressions;

namespace Glasklar.Testing;

/// <summary>One .eml file of the pickup directory, decoded as far as Glasklar writes them.</summary>
public sealed record PickedUpMail(string File, string To, string Subject, string Body)
{
    /// <summary>The first absolute link in the body.</summary>
    public string Link => Regex.Match(Body, @"https?://\S+").Value;

    /// <summary>The link's path and query, for a test client with its own base address.</summary>
    public string LinkPathAndQuery => new Uri(Link).PathAndQuery;
}

/// <summary>Reads the mails the pickup sender wrote into &lt;data&gt;/mail (real files, as an operator would).</summary>
public static partial class PickupMailbox
{
    public static IReadOnlyList<PickedUpMail> For(string dataDirectory, string recipient)
    {
        var directory = Path.Combine(dataDirectory, "mail");
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return [.. Directory.EnumerateFiles(directory, "*.eml")
            .OrderBy(File.GetLastWriteTimeUtc).ThenBy(f => f, StringComparer.Ordinal)
            .Select(Read)
            .Where(m => m.To.Equals(recipient, StringComparison.OrdinalIgnoreCase))];
    }

    public static PickedUpMail Read(string file)
    {
        var text = File.ReadAllText(file, Encoding.UTF8);
        var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        var headers = text[..split].Split("\r\n");
        string Header(string name) => headers.First(h => h.StartsWith(name + ": ", StringComparison.Ordinal))[(name.Length + 2)..];
        var subject = EncodedWord().Match(Header("Subject")) is { Success: true } m
            ? Encoding.UTF8.GetString(Convert.FromBase64String(m.Groups[1].Value))
            : Header("Subject");
        return new PickedUpMail(file, Header("To"), subject, text[(split + 4)..].Replace("\r\n", "\n"));
    }

    [GeneratedRegex(@"^=\?utf-8\?B\?(.*)\?=$")]
    private static partial Regex EncodedWord();
}
