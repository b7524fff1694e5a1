using System.Globalization;
using System.Text;

namespace Seam.Intelligence.Identifiers;

/// <summary>
/// A package URL (<c>pkg:type/namespace/name@version?qualifiers#subpath</c>) parsed and normalised per the purl
/// specification: type lowercase, namespace and name lowercased for the types whose definitions say they are
/// case-insensitive, PyPI names with <c>_</c> read as <c>-</c>, qualifier keys lowercase and sorted, empty values
/// dropped, canonical percent-encoding on output.
/// </summary>
public sealed class PackageUrl
{
    private PackageUrl(string type, string? ns, string name, string? version, IReadOnlyDictionary<string, string> qualifiers, string? subpath)
    {
        Type = type;
        Namespace = ns;
        Name = name;
        Version = version;
        Qualifiers = qualifiers;
        Subpath = subpath;
    }

    public string Type { get; }

    /// <summary>Segments joined by '/', decoded; null when absent.</summary>
    public string? Namespace { get; }

    public string Name { get; }

    public string? Version { get; }

    /// <summary>Keys lowercase, sorted; values decoded.</summary>
    public IReadOnlyDictionary<string, string> Qualifiers { get; }

    public string? Subpath { get; }

    /// <summary>The types whose namespace and name rules Seam applies (from the purl type definitions).</summary>
    public static IReadOnlyCollection<string> KnownTypes => Types.Keys;

    public static IdentifierParse<PackageUrl> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var rest = text.Trim();

        string? subpath = null;
        var hash = rest.IndexOf('#', StringComparison.Ordinal);
        if (hash >= 0)
        {
            var segments = new List<string>();
            foreach (var segment in rest[(hash + 1)..].Split('/'))
            {
                if (segment is "" or "." or "..")
                {
                    continue;
                }

                if (Decode(segment, "subpath", out var decoded) is { } problem)
                {
                    return Fail(problem);
                }

                segments.Add(decoded);
            }

            subpath = segments.Count == 0 ? null : string.Join('/', segments);
            rest = rest[..hash];
        }

        var qualifiers = new SortedDictionary<string, string>(StringComparer.Ordinal);
        var question = rest.IndexOf('?', StringComparison.Ordinal);
        if (question >= 0)
        {
            foreach (var pair in rest[(question + 1)..].Split('&'))
            {
                if (pair.Length == 0)
                {
                    continue;
                }

                var eq = pair.IndexOf('=', StringComparison.Ordinal);
                if (eq <= 0)
                {
                    return Fail($"qualifier '{pair}' has no key=value form");
                }

                var key = pair[..eq];
                if (key.Any(char.IsAsciiLetterUpper))
                {
                    return Fail($"qualifier key '{key}' must be lowercase");
                }

                if (!ValidKey(key))
                {
                    return Fail($"qualifier key '{key}' is not valid: expected ASCII letters, digits, '.', '-' or '_', not starting with a digit");
                }

                if (Decode(pair[(eq + 1)..], $"qualifier '{key}'", out var value) is { } problem)
                {
                    return Fail(problem);
                }

                if (value.Length == 0)
                {
                    continue;
                }

                if (!qualifiers.TryAdd(key, value))
                {
                    return Fail($"qualifier '{key}' appears twice");
                }
            }

            rest = rest[..question];
        }

        var colon = rest.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0 || !rest[..colon].Equals("pkg", StringComparison.OrdinalIgnoreCase))
        {
            return Fail($"'{text}' does not start with the scheme 'pkg:'");
        }

        rest = rest[(colon + 1)..].TrimStart('/');
        var slash = rest.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0)
        {
            return Fail($"'{text}' has no type: expected 'pkg:<type>/<name>'");
        }

        var type = rest[..slash].ToLowerInvariant();
        if (!ValidType(type))
        {
            return Fail($"type '{type}' is not valid: expected ASCII letters, digits, '.' or '-', starting with a letter");
        }

        rest = rest[(slash + 1)..];
        string? version = null;
        // The version follows the last '@' of the last segment; an npm scope ('@babel/core') is not a version.
        var at = rest.LastIndexOf('@');
        if (at >= 0 && at > rest.TrimEnd('/').LastIndexOf('/'))
        {
            if (Decode(rest[(at + 1)..], "version", out var decoded) is { } problem)
            {
                return Fail(problem);
            }

            version = decoded.Length == 0 ? null : decoded;
            rest = rest[..at];
        }

        rest = rest.TrimEnd('/');
        var lastSlash = rest.LastIndexOf('/');
        if (Decode(rest[(lastSlash + 1)..], "name", out var name) is { } nameProblem)
        {
            return Fail(nameProblem);
        }

        string? ns = null;
        if (lastSlash > 0)
        {
            var segments = new List<string>();
            foreach (var segment in rest[..lastSlash].Split('/'))
            {
                if (segment.Length == 0)
                {
                    continue;
                }

                if (Decode(segment, "namespace", out var decoded) is { } problem)
                {
                    return Fail(problem);
                }

                if (decoded.Contains('/', StringComparison.Ordinal))
                {
                    return Fail($"namespace segment '{segment}' contains an encoded '/'");
                }

                segments.Add(decoded);
            }

            ns = segments.Count == 0 ? null : string.Join('/', segments);
        }

        return Create(type, ns, name, version, qualifiers, subpath);
    }

    /// <summary>Builds a purl from components, applying the same validation and normalisation as <see cref="Parse"/>.</summary>
    public static IdentifierParse<PackageUrl> Create(string? type, string? ns, string? name, string? version,
        IReadOnlyDictionary<string, string>? qualifiers, string? subpath)
    {
        if (string.IsNullOrEmpty(type))
        {
            return Fail("a purl needs a type");
        }

        type = type.ToLowerInvariant();
        if (!ValidType(type))
        {
            return Fail($"type '{type}' is not valid: expected ASCII letters, digits, '.' or '-', starting with a letter");
        }

        if (string.IsNullOrEmpty(name))
        {
            return Fail($"a '{type}' purl needs a name");
        }

        ns = string.IsNullOrEmpty(ns) ? null : string.Join('/', ns.Split('/', StringSplitOptions.RemoveEmptyEntries));
        var sorted = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in qualifiers ?? new Dictionary<string, string>())
        {
            var lower = key.ToLowerInvariant();
            if (!ValidKey(lower))
            {
                return Fail($"qualifier key '{key}' is not valid: expected ASCII letters, digits, '.', '-' or '_', not starting with a digit");
            }

            if (!string.IsNullOrEmpty(value))
            {
                sorted[lower] = value;
            }
        }

        if (Types.TryGetValue(type, out var rule))
        {
            if (rule.Namespace == NamespaceRule.Required && ns is null)
            {
                return Fail($"a '{type}' purl requires a namespace");
            }

            if (rule.Namespace == NamespaceRule.Prohibited && ns is not null)
            {
                return Fail($"a '{type}' purl must not have a namespace (found '{ns}')");
            }

            if (rule.LowerNamespace)
            {
                ns = ns?.ToLowerInvariant();
            }

            if (rule.LowerName)
            {
                name = name.ToLowerInvariant();
            }
        }

        if (type == "huggingface")
        {
            version = version?.ToLowerInvariant();
        }

        if (type == "pypi")
        {
            name = name.Replace('_', '-');
        }

        if (type == "maven" && ns is null)
        {
            return Fail("a 'maven' purl requires a namespace (the group id)");
        }

        subpath = string.IsNullOrEmpty(subpath) ? null
            : string.Join('/', subpath.Split('/').Where(s => s is not ("" or "." or "..")));
        return new IdentifierParse<PackageUrl>(
            new PackageUrl(type, ns, name, string.IsNullOrEmpty(version) ? null : version, sorted, string.IsNullOrEmpty(subpath) ? null : subpath),
            null);
    }

    /// <summary>The canonical string form.</summary>
    public override string ToString()
    {
        var sb = new StringBuilder("pkg:").Append(Type).Append('/');
        if (Namespace is not null)
        {
            sb.AppendJoin('/', Namespace.Split('/').Select(s => Encode(s, keepColon: true))).Append('/');
        }

        sb.Append(Encode(Name, keepColon: true));
        if (Version is not null)
        {
            sb.Append('@').Append(Encode(Version, keepColon: true));
        }

        if (Qualifiers.Count > 0)
        {
            sb.Append('?').AppendJoin('&', Qualifiers.Select(q => q.Key + "=" + Encode(q.Value, keepColon: true)));
        }

        if (Subpath is not null)
        {
            sb.Append('#').AppendJoin('/', Subpath.Split('/').Select(s => Encode(s, keepColon: true)));
        }

        return sb.ToString();
    }

    /// <summary>
    /// Whether this purl (the advisory's) names the same package as <paramref name="other"/> (the asset's): type,
    /// namespace and name must agree; when this purl gives a version, the other must give the same one.
    /// Qualifiers are not compared: they describe a distribution (arch, file name), not a different package.
    /// </summary>
    public IdentifierMatch Matches(PackageUrl other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (Type != other.Type)
        {
            return IdentifierMatch.NoMatch($"type '{other.Type}' is not '{Type}'");
        }

        if (!string.Equals(Namespace, other.Namespace, StringComparison.Ordinal))
        {
            return IdentifierMatch.NoMatch($"namespace '{other.Namespace ?? "(none)"}' is not '{Namespace ?? "(none)"}'");
        }

        if (Name != other.Name)
        {
            return IdentifierMatch.NoMatch($"name '{other.Name}' is not '{Name}'");
        }

        if (Version is null)
        {
            return IdentifierMatch.Match($"'{other}' is package '{this}' (any version)");
        }

        if (other.Version is null)
        {
            return IdentifierMatch.Unknown($"'{other}' is package '{this}' but gives no version to compare with '{Version}'");
        }

        return Version == other.Version
            ? IdentifierMatch.Match($"'{other}' is '{this}'")
            : IdentifierMatch.NoMatch($"version '{other.Version}' is not '{Version}'");
    }

    private static bool ValidType(string type) =>
        type.Length > 0 && char.IsAsciiLetter(type[0]) && type.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-');

    private static bool ValidKey(string key) =>
        key.Length > 0 && !char.IsAsciiDigit(key[0]) && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');

    private static string? Decode(string text, string what, out string decoded)
    {
        decoded = text;
        if (!text.Contains('%', StringComparison.Ordinal))
        {
            return null;
        }

        var bytes = new List<byte>();
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '%')
            {
                bytes.AddRange(Encoding.UTF8.GetBytes(text[i].ToString()));
                continue;
            }

            if (i + 2 >= text.Length || !byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var b))
            {
                return $"{what} '{text}' has a bad percent-encoding at position {i + 1}; expected %XX";
            }

            bytes.Add(b);
            i += 2;
        }

        decoded = Encoding.UTF8.GetString([.. bytes]);
        return null;
    }

    private static string Encode(string text, bool keepColon)
    {
        var sb = new StringBuilder();
        foreach (var b in Encoding.UTF8.GetBytes(text))
        {
            var c = (char)b;
            if (b < 0x80 && (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' or '~' || (keepColon && c == ':')))
            {
                sb.Append(c);
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"%{b:X2}");
            }
        }

        return sb.ToString();
    }

    private static IdentifierParse<PackageUrl> Fail(string error) => new(null, error);

    private enum NamespaceRule
    {
        Optional,
        Required,
        Prohibited,
    }

    private sealed record TypeRule(NamespaceRule Namespace, bool LowerNamespace, bool LowerName);

    /// <summary>From the purl-spec type definitions (types/*-definition.json): namespace requirement and case rules.</summary>
    private static readonly Dictionary<string, TypeRule> Types = new(StringComparer.Ordinal)
    {
        ["alpm"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: true),
        ["apk"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: true),
        ["bazel"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["bitbucket"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: true),
        ["bitnami"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: true),
        ["brew"] = new(NamespaceRule.Optional, LowerNamespace: true, LowerName: true),
        ["cargo"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["chrome-extension"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: true),
        ["cocoapods"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["composer"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: true),
        ["conan"] = new(NamespaceRule.Optional, LowerNamespace: false, LowerName: false),
        ["conda"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["cpan"] = new(NamespaceRule.Optional, LowerNamespace: false, LowerName: false),
        ["cran"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["deb"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: true),
        ["docker"] = new(NamespaceRule.Optional, LowerNamespace: false, LowerName: false),
        ["gem"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["generic"] = new(NamespaceRule.Optional, LowerNamespace: false, LowerName: false),
        ["git"] = new(NamespaceRule.Required, LowerNamespace: false, LowerName: false),
        ["github"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: true),
        ["golang"] = new(NamespaceRule.Required, LowerNamespace: false, LowerName: false),
        ["hackage"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["hex"] = new(NamespaceRule.Optional, LowerNamespace: true, LowerName: true),
        ["huggingface"] = new(NamespaceRule.Required, LowerNamespace: false, LowerName: false),
        ["julia"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["luarocks"] = new(NamespaceRule.Optional, LowerNamespace: true, LowerName: true),
        ["maven"] = new(NamespaceRule.Required, LowerNamespace: false, LowerName: false),
        ["mlflow"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["npm"] = new(NamespaceRule.Optional, LowerNamespace: false, LowerName: false),
        ["nuget"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["oci"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: true),
        ["opam"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["otp"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: true),
        ["pub"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: true),
        ["pypi"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: true),
        ["qpkg"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: false),
        ["rpm"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: false),
        ["swid"] = new(NamespaceRule.Optional, LowerNamespace: false, LowerName: false),
        ["swift"] = new(NamespaceRule.Required, LowerNamespace: false, LowerName: false),
        ["vcpkg"] = new(NamespaceRule.Prohibited, LowerNamespace: false, LowerName: false),
        ["vscode-extension"] = new(NamespaceRule.Required, LowerNamespace: true, LowerName: true),
        ["yocto"] = new(NamespaceRule.Optional, LowerNamespace: true, LowerName: false),
    };
}
