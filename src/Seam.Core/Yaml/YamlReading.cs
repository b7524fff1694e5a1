using System.Globalization;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Seam.Yaml;

/// <summary>Something wrong in a YAML file, at a place a person can go to.</summary>
/// <param name="Line">1-based.</param>
/// <param name="Column">1-based.</param>
public sealed record YamlProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>Collects the problems of one file; reading goes on after a problem so that one pass reports them all.</summary>
public sealed class YamlProblems(string fileName)
{
    private readonly List<YamlProblem> problems = [];

    public string FileName { get; } = fileName;

    public IReadOnlyList<YamlProblem> All => problems;

    public void Add(Mark at, string message) =>
        problems.Add(new YamlProblem(FileName, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), message));

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    /// <summary>Loads the single document of <paramref name="text"/>, or records why it cannot be read and returns null.</summary>
    public YamlNode? LoadSingleDocument(string text, string expected)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            Add(e.Start, $"this is not valid YAML: {Plain(e)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner gives up on some malformed input (an unclosed [ or {) without a position: walk the
            // events again to find where the last good one ended.
            Add(LastGoodMark(text), "this is not valid YAML after this point: expected a closing ] or } or a well-formed value");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            Add(Mark.Empty, $"the file is empty: expected {expected}");
            return null;
        }

        if (stream.Documents.Count > 1)
        {
            Add(stream.Documents[1].RootNode, "expected one document per file; this is a second YAML document");
        }

        return stream.Documents[0].RootNode;
    }

    private static Mark LastGoodMark(string text)
    {
        var parser = new YamlDotNet.Core.Parser(new StringReader(text));
        var last = Mark.Empty;
        try
        {
            while (parser.MoveNext())
            {
                last = parser.Current!.End;
            }
        }
        catch (Exception e) when (e is InvalidOperationException or YamlException)
        {
            return last;
        }

        return last;
    }

    /// <summary>YamlDotNet's messages repeat the position; the problem already carries it.</summary>
    private static string Plain(YamlException e)
    {
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }
}

/// <summary>Reads the keys of one mapping, reporting missing, malformed and unknown ones with their place.</summary>
public sealed class YamlMap
{
    private readonly YamlProblems problems;
    private readonly YamlMappingNode mapping;
    private readonly string what;
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);

    public YamlMap(YamlProblems problems, YamlMappingNode mapping, string what, IReadOnlyList<string> allowed)
    {
        this.problems = problems;
        this.mapping = mapping;
        this.what = what;
        foreach (var (key, value) in mapping.Children)
        {
            if (key is not YamlScalarNode { Value: { } name } scalar)
            {
                Fail(key, $"{what}: expected a plain key ({string.Join(", ", allowed)})");
            }
            else if (!allowed.Contains(name))
            {
                Fail(key, $"{what}: unknown key '{name}': expected {string.Join(", ", allowed)}");
            }
            else
            {
                entries[name] = (scalar, value);
            }
        }
    }

    /// <summary>True once any key of this mapping had a problem.</summary>
    public bool Failed { get; private set; }

    public YamlMappingNode Node => mapping;

    /// <summary>What the mapping is, as problems name it ("rule 'patch-it'", "action 2: add-conduit").</summary>
    public string What => what;

    public bool Has(string key) => entries.TryGetValue(key, out var entry) && !(entry.Value is YamlScalarNode s && IsNull(s));

    /// <summary>Where to point when a key is missing or empty: the key if it is written, else the mapping.</summary>
    public YamlNode KeyOrMapping(string key) => entries.TryGetValue(key, out var entry) ? entry.Key : mapping;

    /// <summary>The node of a key's value, for problems found later (e.g. an unknown id).</summary>
    public YamlNode At(string key) => entries.TryGetValue(key, out var entry) ? entry.Value : mapping;

    public string? Text(string key, bool required = false)
    {
        if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
        {
            if (required)
            {
                Fail(KeyOrMapping(key), $"{what}: '{key}' is required");
            }

            return null;
        }

        if (entry.Value is YamlScalarNode scalar)
        {
            return scalar.Value!.Trim();
        }

        Fail(entry.Value, $"{what}: '{key}' expects a single value, not a list or mapping");
        return null;
    }

    /// <summary>A list of single values; one value alone is read as a list of one.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> TextList(string key)
    {
        if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
        {
            return [];
        }

        if (entry.Value is YamlSequenceNode sequence)
        {
            var texts = new List<(string, YamlNode)>();
            foreach (var item in sequence.Children)
            {
                if (item is YamlScalarNode scalar && !IsNull(scalar))
                {
                    texts.Add((scalar.Value!.Trim(), scalar));
                }
                else
                {
                    Fail(item, $"{what}: each of '{key}' is a single value");
                }
            }

            return texts;
        }

        return Text(key) is { } one ? [(one, entry.Value)] : [];
    }

    public IReadOnlyList<string> Texts(string key) => [.. TextList(key).Select(t => t.Value)];

    public YamlSequenceNode? Sequence(string key, bool required = false)
    {
        if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
        {
            if (required)
            {
                Fail(KeyOrMapping(key), $"{what}: '{key}' is required: expected a list");
            }

            return null;
        }

        if (entry.Value is YamlSequenceNode sequence)
        {
            return sequence;
        }

        Fail(entry.Value, $"{what}: '{key}' expects a list (lines starting with '- ')");
        return null;
    }

    public YamlMappingNode? Mapping(string key, string expected, bool required = false)
    {
        if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
        {
            if (required)
            {
                Fail(KeyOrMapping(key), $"{what}: '{key}' is required: expected {expected}");
            }

            return null;
        }

        if (entry.Value is YamlMappingNode map)
        {
            return map;
        }

        Fail(entry.Value, $"{what}: '{key}' expects a mapping: {expected}");
        return null;
    }

    public bool? Bool(string key)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Fail(entries[key].Value, $"{what}: '{key}' is '{text}': expected true or false");
                return null;
        }
    }

    public int? Int(string key, int min, int max)
    {
        if (Text(key) is not { } text)
        {
            return null;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
        {
            return value;
        }

        Fail(entries[key].Value, $"{what}: '{key}' is '{text}': expected a whole number from {min} to {max}");
        return null;
    }

    public T Enum<T>(string key, T fallback, string expected)
        where T : struct, System.Enum
    {
        if (Text(key) is not { } text)
        {
            return fallback;
        }

        if (TryEnum<T>(text, out var value))
        {
            return value;
        }

        Fail(entries[key].Value, $"{what}: '{key}' is '{text}': expected {expected}");
        return fallback;
    }

    /// <summary>Reads an enum value as people write it: case and punctuation ignored ("single-owner" is SingleOwner).</summary>
    public static bool TryEnum<T>(string text, out T value)
        where T : struct, System.Enum
    {
        var normalised = new string([.. text.Where(char.IsLetterOrDigit)]);
        foreach (var candidate in System.Enum.GetValues<T>())
        {
            if (string.Equals(candidate.ToString(), normalised, StringComparison.OrdinalIgnoreCase))
            {
                value = candidate;
                return true;
            }
        }

        value = default;
        return false;
    }

    /// <summary>Records a problem with this mapping's content found by the caller.</summary>
    public void Fail(YamlNode node, string message)
    {
        Failed = true;
        problems.Add(node, message);
    }

    public static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == ScalarStyle.Plain && (string.IsNullOrWhiteSpace(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");
}
