using System.Text;

namespace Seam.Intelligence.Matching;

/// <summary>
/// Vendor names as advisories and asset lists write them ("Siemens AG", "SIEMENS", "Allen-Bradley") reduced to one
/// canonical key, so that matching compares companies rather than spellings. Built-in entries cover the ICS vendors
/// whose names vary most; plants add their own (a distributor's label, a local subsidiary).
/// </summary>
public sealed class VendorAliases
{
    private static readonly string[] LegalSuffixes =
    [
        "ag", "gmbh", "co kg", "kg", "inc", "incorporated", "llc", "ltd", "limited", "corp", "corporation", "co", "company",
        "sa", "s a", "se", "plc", "bv", "b v", "nv", "oy", "ab", "as", "spa", "s p a", "srl", "kk", "k k", "pty", "pte",
        "group", "holding", "holdings", "international",
    ];

    /// <summary>Alias → canonical vendor, with the relation shown in explanations ("brand of", "formerly", "same as").</summary>
    private static readonly (string Alias, string Canonical, string Relation)[] BuiltIn =
    [
        ("allen bradley", "rockwell automation", "a brand of"),
        ("rockwell", "rockwell automation", "the same company as"),
        ("telemecanique", "schneider electric", "a brand of"),
        ("modicon", "schneider electric", "a brand of"),
        ("apc", "schneider electric", "a brand of"),
        ("ge", "general electric", "the same company as"),
        ("ge digital", "general electric", "a business of"),
        ("ge vernova", "general electric", "a business of"),
        ("ge grid solutions", "general electric", "a business of"),
        ("emerson electric", "emerson", "the same company as"),
        ("emerson process management", "emerson", "a business of"),
        ("fisher rosemount", "emerson", "a brand of"),
        ("honeywell international", "honeywell", "the same company as"),
        ("abb ltd", "abb", "the same company as"),
        ("hitachi abb power grids", "hitachi energy", "formerly the name of"),
        ("mitsubishi electric", "mitsubishi electric", "the same company as"),
        ("yokogawa electric", "yokogawa", "the same company as"),
        ("phoenix contact electronics", "phoenix contact", "the same company as"),
        ("beckhoff automation", "beckhoff", "the same company as"),
        ("omron industrial automation", "omron", "the same company as"),
        ("delta electronics", "delta electronics", "the same company as"),
        ("wonderware", "aveva", "formerly the name of"),
        ("schneider electric software", "aveva", "formerly the name of"),
        ("moxa technologies", "moxa", "the same company as"),
    ];

    private readonly Dictionary<string, (string Canonical, string Relation)> entries = new(StringComparer.Ordinal);

    private VendorAliases()
    {
    }

    /// <summary>The built-in table, extended by the plant's own entries.</summary>
    public static VendorAliases Create(IEnumerable<VendorAlias>? custom = null)
    {
        var aliases = new VendorAliases();
        foreach (var (alias, canonical, relation) in BuiltIn)
        {
            aliases.entries[Normalise(alias)] = (Normalise(canonical), relation);
        }

        foreach (var entry in custom ?? [])
        {
            aliases.entries[Normalise(entry.Alias)] = (Normalise(entry.Canonical), entry.Relation ?? "the same company as");
        }

        return aliases;
    }

    /// <summary>The canonical key of a vendor name; empty for a blank name.</summary>
    public string Canonical(string? vendor)
    {
        var key = Normalise(vendor);
        return entries.TryGetValue(key, out var entry) ? entry.Canonical : key;
    }

    /// <summary>How two vendor spellings were judged the same, for an explanation; null when they are not.</summary>
    public string? Relate(string? advisoryVendor, string? assetVendor)
    {
        var advisoryKey = Normalise(advisoryVendor);
        var assetKey = Normalise(assetVendor);
        if (advisoryKey.Length == 0 || assetKey.Length == 0 || Canonical(advisoryVendor) != Canonical(assetVendor))
        {
            return null;
        }

        if (advisoryKey == assetKey)
        {
            return string.Equals(advisoryVendor?.Trim(), assetVendor?.Trim(), StringComparison.Ordinal)
                ? $"vendor '{assetVendor}'"
                : $"vendor '{advisoryVendor}' = asset vendor '{assetVendor}'";
        }

        var relation = entries.TryGetValue(assetKey, out var a) ? a.Relation : entries.TryGetValue(advisoryKey, out var b) ? b.Relation : "the same company as";
        return $"vendor '{advisoryVendor}' ≈ asset vendor '{assetVendor}' ({assetVendor} is {relation} {advisoryVendor}, per the vendor alias table)";
    }

    /// <summary>Lower case, punctuation to spaces, legal-form suffixes dropped: "Siemens AG" → "siemens".</summary>
    public static string Normalise(string? vendor)
    {
        var words = NameTokens.Split(vendor);
        var count = words.Count;
        while (count > 1 && EndsWithSuffix(words, count, out var suffixLength))
        {
            count -= suffixLength;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                builder.Append(' ');
            }

            builder.Append(words[i]);
        }

        return builder.ToString();
    }

    private static bool EndsWithSuffix(IReadOnlyList<string> words, int count, out int suffixLength)
    {
        foreach (var suffix in LegalSuffixes)
        {
            var parts = suffix.Split(' ');
            if (parts.Length >= count)
            {
                continue;
            }

            var matches = true;
            for (var i = 0; i < parts.Length && matches; i++)
            {
                matches = words[count - parts.Length + i] == parts[i];
            }

            if (matches)
            {
                suffixLength = parts.Length;
                return true;
            }
        }

        suffixLength = 0;
        return false;
    }
}

/// <summary>A plant's own vendor alias: <paramref name="Alias"/> is <paramref name="Relation"/> <paramref name="Canonical"/>.</summary>
public sealed record VendorAlias(string Alias, string Canonical, string? Relation = null);

/// <summary>Splits product and vendor names into lower-case alphanumeric words ("S7-1500 CPU" → s7, 1500, cpu).</summary>
public static class NameTokens
{
    public static IReadOnlyList<string> Split(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrWhiteSpace(text))
        {
            return words;
        }

        var current = new StringBuilder();
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                current.Append(char.ToLowerInvariant(ch));
            }
            else if (ch == '&' || ch == '+')
            {
                // "AT&T", "C++" keep their symbol as part of the word.
                current.Append(ch);
            }
            else if (current.Length > 0)
            {
                words.Add(current.ToString());
                current.Clear();
            }
        }

        if (current.Length > 0)
        {
            words.Add(current.ToString());
        }

        return words;
    }

    /// <summary>True when <paramref name="needle"/> occurs as a contiguous run of words in <paramref name="haystack"/>.</summary>
    public static bool ContainsRun(IReadOnlyList<string> haystack, IReadOnlyList<string> needle)
    {
        if (needle.Count == 0 || needle.Count > haystack.Count)
        {
            return false;
        }

        for (var start = 0; start + needle.Count <= haystack.Count; start++)
        {
            var all = true;
            for (var i = 0; i < needle.Count && all; i++)
            {
                all = haystack[start + i] == needle[i];
            }

            if (all)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// A name specific enough to match on by itself: two or more words, or one word carrying a digit ("S7-1500" yes,
    /// "HMI" or "Controller" no) — otherwise every device of a vendor would match.
    /// </summary>
    public static bool IsSpecific(IReadOnlyList<string> words) =>
        words.Count >= 2 || (words.Count == 1 && words[0].Any(char.IsAsciiDigit) && words[0].Length >= 3);
}
