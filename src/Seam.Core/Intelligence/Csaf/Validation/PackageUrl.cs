namespace Seam.Intelligence.Csaf.Validation;

/// <summary>
/// The generic rules of the purl specification for 6.1.13: scheme, type, a non-empty name, well-formed
/// qualifiers and percent-encoding. Rules particular to one package type (e.g. swift needs a namespace) are not
/// checked.
/// </summary>
internal static class PackageUrl
{
    /// <summary>Null when <paramref name="purl"/> is a valid purl, else why not.</summary>
    public static string? Check(string purl)
    {
        if (!purl.StartsWith("pkg:", StringComparison.Ordinal))
        {
            return "it must start with the scheme 'pkg:'";
        }

        var rest = purl.AsSpan(4);
        var hash = rest.IndexOf('#');
        if (hash >= 0)
        {
            if (BadEscape(rest[(hash + 1)..]) is { } error)
            {
                return $"the subpath {error}";
            }

            rest = rest[..hash];
        }

        var question = rest.IndexOf('?');
        if (question >= 0)
        {
            if (CheckQualifiers(rest[(question + 1)..].ToString()) is { } error)
            {
                return error;
            }

            rest = rest[..question];
        }

        var slash = rest.IndexOf('/');
        if (slash < 0)
        {
            return "a type and a name separated by '/' are required";
        }

        var type = rest[..slash];
        if (type.IsEmpty || !char.IsAsciiLetter(type[0]))
        {
            return "the type must start with a letter";
        }

        foreach (var c in type)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not ('.' or '+' or '-'))
            {
                return $"the type '{type}' may contain only letters, digits, '.', '+' and '-'";
            }
        }

        rest = rest[(slash + 1)..].TrimEnd('/');
        // The version follows the name: an '@' before the last '/' belongs to the namespace (npm scopes, which the
        // purl test suite accepts unencoded).
        var at = rest.LastIndexOf('@');
        if (at > rest.LastIndexOf('/'))
        {
            var version = rest[(at + 1)..];
            if (version.IsEmpty)
            {
                return "the version after '@' is empty";
            }

            if (BadEscape(version) is { } error)
            {
                return $"the version {error}";
            }

            rest = rest[..at];
        }

        var lastSlash = rest.LastIndexOf('/');
        var name = lastSlash >= 0 ? rest[(lastSlash + 1)..] : rest;
        if (name.IsEmpty)
        {
            return "a name is required";
        }

        return BadEscape(rest) is { } pathError ? $"the namespace or name {pathError}" : null;
    }

    private static string? CheckQualifiers(string qualifiers)
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in qualifiers.Split('&'))
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                return $"the qualifier '{pair}' is not key=value";
            }

            var key = pair[..equals];
            if (char.IsAsciiDigit(key[0]) || !key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            {
                return $"the qualifier key '{key}' may contain only letters, digits, '.', '-' and '_' and must not start with a digit";
            }

            if (!keys.Add(key))
            {
                return $"the qualifier key '{key}' appears twice";
            }

            if (BadEscape(pair.AsSpan(equals + 1)) is { } error)
            {
                return $"the value of qualifier '{key}' {error}";
            }
        }

        return null;
    }

    private static string? BadEscape(ReadOnlySpan<char> s)
    {
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] == '%' && (i + 2 >= s.Length || !char.IsAsciiHexDigit(s[i + 1]) || !char.IsAsciiHexDigit(s[i + 2])))
            {
                return "has a '%' that is not followed by two hex digits";
            }
        }

        return null;
    }
}
