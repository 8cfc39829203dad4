namespace Glasklar.Privacy.TextGuard;

/// <summary>
/// Finds lexicon stems and phrases in tokenised text. Per word: walk the stem trie from every
/// position (compounds), check the stem's mode, vetoes, street names and context rules; if no stem
/// fitted, try the body-part compound rule, then one typing slip against long health stems.
/// </summary>
internal sealed class LexiconMatcher(Lexicon lexicon)
{
    public void Match(TokenizedText text, List<RawFinding> findings)
    {
        for (var ti = 0; ti < text.Count; ti++)
        {
            var token = text.Tokens[ti];
            if (token.IsNumber)
            {
                continue;
            }

            var s = text.Norm(ti);
            MatchPhrases(text, ti, s, findings);
            if (MatchStems(text, ti, s, findings))
            {
                continue;
            }

            if (lexicon.Compounds.Matches(s, lexicon) is { } category && !IsBlocked(text, ti, s))
            {
                Add(text, ti, ti, category, null, findings);
            }
            else if (s.Length >= Lexicon.FuzzyMinLength)
            {
                MatchFuzzy(text, ti, s, findings);
            }
        }
    }

    /// <summary>Returns true if any stem fitted the word, even if a context rule then cancelled it:
    /// a word we understood ("Arzt" as an occupation) must not be re-read as a typo of another stem.</summary>
    private bool MatchStems(TokenizedText text, int ti, ReadOnlySpan<char> s, List<RawFinding> findings)
    {
        var fitted = false;
        for (var j = 0; j < s.Length; j++)
        {
            var node = StemTrie<LexEntry>.Root;
            for (var k = j; k < s.Length; k++)
            {
                node = lexicon.Stems.Step(node, s[k]);
                if (node < 0)
                {
                    break;
                }

                var entries = lexicon.Stems.ValuesAt(node);
                if (entries is null)
                {
                    continue;
                }

                foreach (var entry in entries)
                {
                    if (!Fits(entry.Pattern.Mode, s, j, k + 1))
                    {
                        continue;
                    }

                    // Vetoes and street names are checked only once a stem fits: hits are rare, words are many.
                    fitted = true;
                    if (IsBlocked(text, ti, s))
                    {
                        return true;
                    }

                    if ((!entry.LowerCaseOnly || IsLowerCaseUse(text, ti)) && ContextAllows(text, ti, ti, entry.Unless, entry.Needs))
                    {
                        Add(text, ti, ti, entry.Category, entry.Suggest, findings);
                    }
                }
            }
        }

        return fitted;
    }

    private void MatchFuzzy(TokenizedText text, int ti, ReadOnlySpan<char> s, List<RawFinding> findings)
    {
        if (s[0] is < 'a' or > 'z')
        {
            return;
        }

        Span<int> ends = stackalloc int[4];
        foreach (var entry in lexicon.FuzzyBuckets[s[0] - 'a'])
        {
            var count = OneEdit.PrefixEnds(entry.Pattern.Stem, s, ends);
            for (var i = 0; i < count; i++)
            {
                // The cheap edit test runs first; the exclusions below only for the rare candidate.
                if (Fits(entry.Pattern.Mode, s, 0, ends[i]) && FuzzyAllowed(text, ti, s)
                    && !IsBlocked(text, ti, s) && ContextAllows(text, ti, ti, entry.Unless, entry.Needs))
                {
                    Add(text, ti, ti, entry.Category, entry.Suggest, findings);
                    return;
                }
            }
        }
    }

    private bool FuzzyAllowed(TokenizedText text, int ti, ReadOnlySpan<char> s)
    {
        foreach (var ignore in lexicon.FuzzyIgnore)
        {
            if (s.StartsWith(ignore, StringComparison.Ordinal))
            {
                return false;
            }
        }

        // Names ("Werkstatt Krankenfeld") are spelt as their owners like; only ordinary words get typo tolerance.
        return !lexicon.Contexts.TryGetValue(Lexicon.FuzzyContext, out var names) || !ContextPresent(text, ti, ti, names);
    }

    private void MatchPhrases(TokenizedText text, int ti, ReadOnlySpan<char> s, List<RawFinding> findings)
    {
        var node = StemTrie<(Phrase, StemPattern)>.Root;
        for (var k = 0; k < s.Length; k++)
        {
            node = lexicon.PhraseStarts.Step(node, s[k]);
            if (node < 0)
            {
                return;
            }

            var starts = lexicon.PhraseStarts.ValuesAt(node);
            if (starts is null)
            {
                continue;
            }

            foreach (var (phrase, first) in starts)
            {
                if (Fits(first.Mode, s, 0, k + 1) && TryPhraseTail(text, ti, phrase, out var last)
                    && ContextAllows(text, ti, last, phrase.Unless, phrase.Needs))
                {
                    Add(text, ti, last, phrase.Category, phrase.Suggest, findings);
                }
            }
        }
    }

    private bool TryPhraseTail(TokenizedText text, int first, Phrase phrase, out int last)
    {
        last = first;
        var clause = text.Tokens[first].Clause;
        for (var e = 1; e < phrase.Elements.Count; e++)
        {
            var found = -1;
            for (var t = last + 1; t <= last + 1 + phrase.Gap && t < text.Count && text.Tokens[t].Clause == clause; t++)
            {
                if (AnyMatches(phrase.Elements[e], text.Norm(t)))
                {
                    found = t;
                    break;
                }
            }

            if (found < 0)
            {
                return false;
            }

            last = found;
        }

        return true;
    }

    /// <summary>Context rules: an <c>unless</c> context near the hit cancels it; every <c>needs</c> context must be near.</summary>
    private bool ContextAllows(TokenizedText text, int first, int last, IReadOnlyList<string> unless, IReadOnlyList<string> needs)
    {
        foreach (var name in unless)
        {
            if (ContextPresent(text, first, last, lexicon.Contexts[name]))
            {
                return false;
            }
        }

        foreach (var name in needs)
        {
            if (!ContextPresent(text, first, last, lexicon.Contexts[name]))
            {
                return false;
            }
        }

        return true;
    }

    private bool ContextPresent(TokenizedText text, int first, int last, ContextSet set)
    {
        // A hyphenated name counts as one word for the window ("gegenüber dem Sankt-Josef-Krankenhaus"),
        // and its other parts are context too ("Krankenhaus-Parkausweis").
        var chainFirst = first;
        while (chainFirst > 0 && text.Tokens[chainFirst - 1].HyphenToNext)
        {
            chainFirst--;
        }

        var chainLast = last;
        while (chainLast + 1 < text.Count && text.Tokens[chainLast].HyphenToNext)
        {
            chainLast++;
        }

        var clause = text.Tokens[first].Clause;
        for (var t = first - 1; t >= 0 && t >= chainFirst - set.Before && text.Tokens[t].Clause == clause; t--)
        {
            if (AnyMatches(set.BeforeWords, text.Norm(t)))
            {
                return true;
            }
        }

        for (var t = last + 1; t < text.Count && t <= chainLast + set.After && text.Tokens[t].Clause == text.Tokens[last].Clause; t++)
        {
            if ((set.AfterNumber && t == last + 1 && text.Tokens[t].IsNumber) || AnyMatches(set.AfterWords, text.Norm(t)))
            {
                return true;
            }
        }

        return false;
    }

    private bool AnyMatches(IReadOnlyList<StemPattern> patterns, ReadOnlySpan<char> s)
    {
        foreach (var p in patterns)
        {
            var hit = p.Mode switch
            {
                StemMode.Anywhere => s.Contains(p.Stem, StringComparison.Ordinal),
                StemMode.Suffix => EndsWithInflected(s, p.Stem),
                _ => s.StartsWith(p.Stem, StringComparison.Ordinal) && Fits(p.Mode, s, 0, p.Stem.Length),
            };
            if (hit)
            {
                return true;
            }
        }

        return false;
    }

    private bool EndsWithInflected(ReadOnlySpan<char> s, string stem)
    {
        var at = s.LastIndexOf(stem, StringComparison.Ordinal);
        return at >= 0 && lexicon.IsInflection(s[(at + stem.Length)..]);
    }

    private bool Fits(StemMode mode, ReadOnlySpan<char> s, int start, int end) => mode switch
    {
        StemMode.Anywhere => true,
        StemMode.Prefix => start == 0,
        StemMode.Word => start == 0 && lexicon.IsInflection(s[end..]),
        StemMode.Suffix => lexicon.IsInflection(s[end..]),
        _ => start == 0 && end == s.Length,
    };

    /// <summary>A lower-case word, or any word at the start of a sentence (where case says nothing).</summary>
    private static bool IsLowerCaseUse(TokenizedText text, int ti)
    {
        var start = text.Tokens[ti].Start;
        if (char.IsLower(text.Text[start]))
        {
            return true;
        }

        var k = start - 1;
        while (k >= 0 && char.IsWhiteSpace(text.Text[k]))
        {
            k--;
        }

        return k < 0 || text.Text[k] is '.' or '!' or '?' or ':' or '\n';
    }

    private bool IsBlocked(TokenizedText text, int ti, ReadOnlySpan<char> s) => IsVetoed(s) || IsStreet(text, ti, s);

    private bool IsVetoed(ReadOnlySpan<char> s)
    {
        foreach (var veto in lexicon.Vetoes)
        {
            if (s.Contains(veto, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>"Krankenhausstraße", "Kirchweg", "Klinik-Allee": a street name is a place, not a statement about a person.</summary>
    private bool IsStreet(TokenizedText text, int ti, ReadOnlySpan<char> s)
    {
        foreach (var exception in lexicon.StreetExceptions)
        {
            if (s.EndsWith(exception, StringComparison.Ordinal))
            {
                return false;
            }
        }

        foreach (var suffix in lexicon.StreetSuffixes)
        {
            if (s.Length > suffix.Length && s.EndsWith(suffix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (text.Tokens[ti].HyphenToNext && ti + 1 < text.Count)
        {
            var next = text.Norm(ti + 1);
            foreach (var suffix in lexicon.StreetSuffixes)
            {
                if (next.SequenceEqual(suffix))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static void Add(TokenizedText text, int first, int last, string category, string? suggest, List<RawFinding> findings)
    {
        var start = text.Tokens[first].Start;
        var end = text.Tokens[last].Start + text.Tokens[last].Length;
        findings.Add(new RawFinding(category, start, end - start, suggest));
    }
}
