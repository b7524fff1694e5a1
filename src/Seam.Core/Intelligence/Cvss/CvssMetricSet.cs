using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Seam.Intelligence.Cvss;

/// <summary>
/// One allowed value of a metric. <see cref="Weight"/> is the number the version's equations use (0 where the
/// version scores by lookup instead); <see cref="Explanation"/> is the plain sentence shown to a person, null for
/// "Not Defined".
/// </summary>
internal sealed record CvssValueDefinition(string Code, string Name, double Weight, string? JsonValue, string? Explanation)
{
    public bool IsNotDefined => Code is "X" or "ND";
}

/// <summary>
/// One metric of a CVSS version: abbreviation, name, FIRST JSON schema property name, and its values in the order
/// the specification lists them (which is also the order error messages list them).
/// </summary>
internal sealed class CvssMetricDefinition
{
    public CvssMetricDefinition(string key, string name, string? jsonName, bool mandatory, params CvssValueDefinition[] values)
    {
        Key = key;
        Name = name;
        JsonName = jsonName;
        Mandatory = mandatory;
        Values = values;
        DefaultIndex = (byte)Math.Max(0, Array.FindIndex(values, v => v.IsNotDefined));
        ExpectedList = string.Join(", ", values.Select(v => v.Code));
    }

    public string Key { get; }

    public string Name { get; }

    public string? JsonName { get; }

    public bool Mandatory { get; }

    public CvssValueDefinition[] Values { get; }

    /// <summary>Index of the "Not Defined" value an optional metric takes when the vector omits it.</summary>
    public byte DefaultIndex { get; }

    public string ExpectedList { get; }
}

/// <summary>
/// The metrics of one CVSS version in specification order, and the parser shared by all versions: split on '/',
/// split each part on ':', look the key and value up, refuse anything the specification does not allow. Parsing
/// allocates one small array per vector and nothing per metric; error messages are built only on failure.
/// </summary>
internal sealed class CvssMetricSet
{
    public CvssMetricSet(string label, CvssMetricDefinition[] definitions)
    {
        if (definitions.Length > 32)
        {
            throw new ArgumentException("At most 32 metrics fit the explicit-metric mask.", nameof(definitions));
        }

        Label = label;
        Definitions = definitions;
        KnownList = string.Join(", ", definitions.Select(d => d.Key));
    }

    /// <summary>How messages name the version: <c>CVSS:3.1</c>, <c>CVSS v2</c>.</summary>
    public string Label { get; }

    public CvssMetricDefinition[] Definitions { get; }

    private string KnownList { get; }

    public int IndexOf(string key)
    {
        for (var i = 0; i < Definitions.Length; i++)
        {
            if (Definitions[i].Key == key)
            {
                return i;
            }
        }

        throw new ArgumentException($"{Label} has no metric '{key}'.", nameof(key));
    }

    /// <summary>
    /// Parses the metric part of a vector (after any prefix). On success <paramref name="values"/> holds, per
    /// definition, the index of its value (the "Not Defined" value where the vector omits an optional metric) and
    /// bit i of <paramref name="explicitMask"/> is set when metric i was written in the vector.
    /// </summary>
    public bool TryParse(ReadOnlySpan<char> body, out byte[] values, out uint explicitMask, [NotNullWhen(false)] out CvssFormatException? error)
    {
        values = new byte[Definitions.Length];
        explicitMask = 0;
        error = null;
        if (body.IsEmpty)
        {
            error = new CvssFormatException($"{Label} vector has no metrics.", metric: null);
            return false;
        }

        var position = 0;
        var partNumber = 0;
        while (true)
        {
            partNumber++;
            var rest = body[position..];
            var slash = rest.IndexOf('/');
            var part = slash < 0 ? rest : rest[..slash];
            if (part.IsEmpty)
            {
                error = new CvssFormatException(
                    $"{Label} vector has an empty part at position {partNumber} (a '/' too many).", metric: null);
                return false;
            }

            var colon = part.IndexOf(':');
            if (colon <= 0)
            {
                error = new CvssFormatException(
                    $"{Label} vector part '{part}' is not of the form METRIC:VALUE.", metric: null);
                return false;
            }

            var key = part[..colon];
            var value = part[(colon + 1)..];
            var metricIndex = FindMetric(key);
            if (metricIndex < 0)
            {
                error = new CvssFormatException(
                    $"{Label} metric '{key}' is not defined; expected one of {KnownList}.", key.ToString());
                return false;
            }

            var definition = Definitions[metricIndex];
            var bit = 1u << metricIndex;
            if ((explicitMask & bit) != 0)
            {
                error = new CvssFormatException($"{Label} metric '{definition.Key}' appears more than once.", definition.Key);
                return false;
            }

            var valueIndex = FindValue(definition, value);
            if (valueIndex < 0)
            {
                error = new CvssFormatException(
                    $"{Label} metric '{definition.Key}' has value '{value}'; expected one of {definition.ExpectedList}.",
                    definition.Key);
                return false;
            }

            values[metricIndex] = (byte)valueIndex;
            explicitMask |= bit;
            if (slash < 0)
            {
                break;
            }

            position += slash + 1;
            if (position == body.Length)
            {
                error = new CvssFormatException($"{Label} vector ends with '/'; a metric is missing after it.", metric: null);
                return false;
            }
        }

        for (var i = 0; i < Definitions.Length; i++)
        {
            if ((explicitMask & (1u << i)) != 0)
            {
                continue;
            }

            var definition = Definitions[i];
            if (definition.Mandatory)
            {
                error = new CvssFormatException(
                    $"{Label} vector is missing the mandatory base metric '{definition.Key}' ({definition.Name}).",
                    definition.Key);
                return false;
            }

            values[i] = definition.DefaultIndex;
        }

        return true;
    }

    /// <summary>The normalised vector: metrics in specification order, "Not Defined" values left out.</summary>
    public string Format(string prefix, byte[] values, uint explicitMask)
    {
        var builder = new StringBuilder(prefix, 96);
        var first = true;
        for (var i = 0; i < Definitions.Length; i++)
        {
            var value = Definitions[i].Values[values[i]];
            if ((explicitMask & (1u << i)) == 0 || value.IsNotDefined)
            {
                continue;
            }

            if (!first)
            {
                builder.Append('/');
            }

            builder.Append(Definitions[i].Key).Append(':').Append(value.Code);
            first = false;
        }

        return builder.ToString();
    }

    public IReadOnlyList<CvssMetricValue> Describe(byte[] values, uint explicitMask)
    {
        var list = new CvssMetricValue[Definitions.Length];
        for (var i = 0; i < Definitions.Length; i++)
        {
            var definition = Definitions[i];
            var value = definition.Values[values[i]];
            list[i] = new CvssMetricValue(definition.Key, definition.Name, value.Code, value.Name, (explicitMask & (1u << i)) != 0);
        }

        return list;
    }

    /// <summary>Metric properties of the FIRST JSON schema, for every metric the vector writes.</summary>
    public void AddJsonProperties(Dictionary<string, object> target, byte[] values, uint explicitMask)
    {
        for (var i = 0; i < Definitions.Length; i++)
        {
            var definition = Definitions[i];
            if ((explicitMask & (1u << i)) != 0 && definition.JsonName is not null)
            {
                var json = definition.Values[values[i]].JsonValue
                    ?? throw new InvalidOperationException($"{Label} {definition.Key} has no JSON value.");
                target[definition.JsonName] = json;
            }
        }
    }

    /// <summary>One sentence per metric the vector writes with a defined value, in specification order.</summary>
    public void AddExplanations(List<string> target, byte[] values, uint explicitMask)
    {
        for (var i = 0; i < Definitions.Length; i++)
        {
            var value = Definitions[i].Values[values[i]];
            if ((explicitMask & (1u << i)) != 0 && value.Explanation is not null)
            {
                target.Add(value.Explanation);
            }
        }
    }

    private int FindMetric(ReadOnlySpan<char> key)
    {
        for (var i = 0; i < Definitions.Length; i++)
        {
            if (key.SequenceEqual(Definitions[i].Key))
            {
                return i;
            }
        }

        return -1;
    }

    private static int FindValue(CvssMetricDefinition definition, ReadOnlySpan<char> value)
    {
        var candidates = definition.Values;
        for (var i = 0; i < candidates.Length; i++)
        {
            if (value.SequenceEqual(candidates[i].Code))
            {
                return i;
            }
        }

        return -1;
    }
}
