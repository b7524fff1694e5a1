namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// BCP 47 (RFC 5646) language tags for 6.1.12 ("valid and exists"). The syntax is checked in full. Existence is
/// checked where a short list settles it: a two-letter primary language must be an ISO 639-1 code (as in the IANA
/// registry), and four- or five-to-eight-letter primary languages are reserved or unregistered. Three-letter
/// languages, scripts, regions and variants are checked for form only, since their registries run to thousands of
/// entries. Tags are case-insensitive.
/// </summary>
internal static class LanguageTag
{
    /// <summary>The two-letter language subtags of the IANA registry: ISO 639-1 plus the deprecated in, iw, ji, jw, mo.</summary>
    private static readonly HashSet<string> TwoLetterLanguages = new(
        ("aa ab ae af ak am an ar as av ay az ba be bg bh bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee " +
         "el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik in io " +
         "is it iu iw ja ji jv jw ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk " +
         "ml mn mo mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc " +
         "sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi " +
         "vo wa wo xh yi yo za zh zu").Split(' '),
        StringComparer.OrdinalIgnoreCase);

    /// <summary>RFC 5646 §2.1 grandfathered tags, valid as a whole although they do not follow the syntax.</summary>
    private static readonly HashSet<string> Grandfathered = new(
    [
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo", "i-navajo",
        "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE", "art-lojban", "cel-gaulish",
        "no-bok", "no-nyn", "zh-guoyu", "zh-hakka", "zh-min", "zh-min-nan", "zh-xiang",
    ], StringComparer.OrdinalIgnoreCase);

    /// <summary>Null when the tag is valid, else why not.</summary>
    public static string? Check(string tag)
    {
        if (Grandfathered.Contains(tag))
        {
            return null;
        }

        var parts = tag.Split('-');
        if (parts.Any(p => p.Length is 0 or > 8 || !p.All(char.IsAsciiLetterOrDigit)))
        {
            return "subtags are 1 to 8 letters or digits separated by single hyphens";
        }

        var i = 0;
        if (parts[0] is "x" or "X")
        {
            return parts.Length > 1 ? null : "a private-use tag needs at least one subtag after 'x'";
        }

        var language = parts[i++];
        if (!language.All(char.IsAsciiLetter) || language.Length < 2)
        {
            return $"the primary language '{language}' must be 2 to 8 letters";
        }

        if (language.Length == 2 && !TwoLetterLanguages.Contains(language))
        {
            return $"'{language}' is not an ISO 639-1 language code";
        }

        if (language.Length == 4)
        {
            return $"four-letter primary language subtags such as '{language}' are reserved";
        }

        if (language.Length >= 5)
        {
            return $"no five-to-eight-letter primary language such as '{language}' is registered";
        }

        for (var extlang = 0; extlang < 3 && language.Length <= 3 && i < parts.Length && IsLetters(parts[i], 3); extlang++)
        {
            i++;
        }

        if (i < parts.Length && IsLetters(parts[i], 4))
        {
            i++; // script
        }

        if (i < parts.Length && (IsLetters(parts[i], 2) || (parts[i].Length == 3 && parts[i].All(char.IsAsciiDigit))))
        {
            i++; // region
        }

        var variants = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (i < parts.Length && IsVariant(parts[i]))
        {
            if (!variants.Add(parts[i]))
            {
                return $"the variant '{parts[i]}' appears twice";
            }

            i++;
        }

        var singletons = new HashSet<char>();
        while (i < parts.Length && parts[i].Length == 1 && parts[i] is not ("x" or "X"))
        {
            if (!singletons.Add(char.ToLowerInvariant(parts[i][0])))
            {
                return $"the extension '{parts[i]}' appears twice";
            }

            var start = ++i;
            while (i < parts.Length && parts[i].Length >= 2)
            {
                i++;
            }

            if (i == start)
            {
                return $"the extension '{parts[start - 1]}' has no subtags of 2 to 8 characters";
            }
        }

        if (i < parts.Length && parts[i] is "x" or "X")
        {
            return i + 1 < parts.Length ? null : "a private-use section needs at least one subtag after 'x'";
        }

        return i == parts.Length ? null : $"the subtag '{parts[i]}' is out of place";
    }

    private static bool IsLetters(string s, int length) => s.Length == length && s.All(char.IsAsciiLetter);

    private static bool IsVariant(string s) =>
        s.Length is >= 5 and <= 8 || (s.Length == 4 && char.IsAsciiDigit(s[0]));
}
