using System.Globalization;
using System.Text.Json;

namespace Seam.Intelligence.Feeds;

/// <summary>
/// Reads NVD CVE API 2.0 JSON: API pages and the yearly data-feed files (plain or gzip). The file is read with a
/// forward-only reader and each CVE is parsed on its own, so a multi-hundred-MB feed never sits in memory as text.
/// Values are checked against NVD's cve_api_json_2.0 schema by hand; errors name the JSON pointer.
/// </summary>
public static class NvdReader
{
    /// <summary>Opens a file and reads it whole.</summary>
    public static NvdFeed ReadFile(string path)
    {
        using var file = File.OpenRead(path);
        return Read(file, Path.GetFileName(path));
    }

    /// <summary>Reads every CVE into memory; use <see cref="ReadCves"/> to process a large feed one CVE at a time.</summary>
    /// <exception cref="FeedFormatException">The file is not valid NVD CVE 2.0 JSON; the message says where and why.</exception>
    public static NvdFeed Read(Stream stream, string sourceName)
    {
        using var plain = FeedInput.Open(stream, sourceName);
        var walker = new Walker(plain, sourceName);
        var cves = new List<NvdCve>();
        while (walker.Next() is { } cve)
        {
            cves.Add(cve);
        }

        return walker.Finish(cves.Count) with { Vulnerabilities = cves };
    }

    /// <summary>
    /// The CVEs one at a time, as the file is read. The header is checked as it is met and again at the end
    /// (missing properties, the number of CVEs), so a bad file fails during or at the end of the enumeration.
    /// </summary>
    public static IEnumerable<NvdCve> ReadCves(Stream stream, string sourceName)
    {
        using var plain = FeedInput.Open(stream, sourceName);
        var walker = new Walker(plain, sourceName);
        var count = 0;
        while (walker.Next() is { } cve)
        {
            count++;
            yield return cve;
        }

        walker.Finish(count);
    }

    private static readonly (string Property, string Version)[] MetricArrays =
        [("cvssMetricV40", "4.0"), ("cvssMetricV31", "3.1"), ("cvssMetricV30", "3.0"), ("cvssMetricV2", "2.0")];

    private const string DateTimeExpected = "a date-time such as 2021-12-10T10:15:09.143";

    private static NvdCve ParseCve(string sourceName, JsonElement item, string path)
    {
        var wrapper = FeedJson.Object(sourceName, item, path, "a vulnerability ({\"cve\": {…}})");
        var cve = wrapper.RequiredObject("cve", "a CVE record");
        var descriptions = cve.RequiredArray("descriptions");
        if (descriptions.Length == 0)
        {
            throw cve.Error("descriptions", "the list is empty (expected at least one description)");
        }

        string? english = null;
        string? first = null;
        foreach (var description in descriptions.Objects("a description ({lang, value})"))
        {
            var lang = description.RequiredString("lang");
            var value = description.RequiredString("value");
            first ??= value;
            if (english is null && lang.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                english = value;
            }
        }

        return new NvdCve(
            cve.RequiredCveId("id"),
            DateTime(cve, "published"),
            DateTime(cve, "lastModified"),
            cve.OptionalString("vulnStatus"),
            english ?? first!,
            Metrics(cve),
            Cwes(cve),
            CpeMatches(cve),
            References(cve));
    }

    private static DateTimeOffset DateTime(FeedJson json, string name)
    {
        var text = json.RequiredString(name);

        // NVD writes UTC without an offset ("2021-12-10T10:15:09.143"); an offset, where present, is honoured.
        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var value)
            ? value
            : throw json.Error(name, $"'{text}' is not a date-time (expected {DateTimeExpected})");
    }

    private static List<NvdCvssMetric> Metrics(FeedJson cve)
    {
        var metrics = new List<NvdCvssMetric>();
        if (cve.OptionalObject("metrics", "the CVSS metrics") is not { } all)
        {
            return metrics;
        }

        foreach (var (property, version) in MetricArrays)
        {
            foreach (var metric in all.OptionalArray(property).Objects("a CVSS metric ({source, type, cvssData})"))
            {
                var type = metric.RequiredString("type");
                if (type is not ("Primary" or "Secondary"))
                {
                    throw metric.Error("type", $"'{type}' is not a metric type (expected \"Primary\" or \"Secondary\")");
                }

                var data = metric.RequiredObject("cvssData", "the CVSS data");
                var stated = data.RequiredString("version");
                if (stated != version)
                {
                    throw data.Error("version", $"'{stated}' does not belong in {property} (expected \"{version}\")");
                }

                metrics.Add(new NvdCvssMetric(version, metric.RequiredString("source"), type == "Primary",
                    data.RequiredString("vectorString"), data.RequiredNumber("baseScore", 0, 10)));
            }
        }

        return metrics;
    }

    private static List<string> Cwes(FeedJson cve)
    {
        var cwes = new List<string>();
        foreach (var weakness in cve.OptionalArray("weaknesses").Objects("a weakness ({source, type, description})"))
        {
            foreach (var description in weakness.RequiredArray("description").Objects("a description ({lang, value})"))
            {
                var value = description.RequiredString("value");
                if (value.StartsWith("NVD-CWE-", StringComparison.Ordinal))
                {
                    continue; // NVD-CWE-Other, NVD-CWE-noinfo: "no specific CWE", not a weakness id
                }

                if (value.Length <= 4 || !value.StartsWith("CWE-", StringComparison.Ordinal) || value.AsSpan(4).ContainsAnyExceptInRange('0', '9'))
                {
                    throw description.Error("value", $"'{value}' is not a CWE id (expected e.g. CWE-79, NVD-CWE-Other or NVD-CWE-noinfo)");
                }

                if (!cwes.Contains(value))
                {
                    cwes.Add(value);
                }
            }
        }

        return cwes;
    }

    private static List<NvdCpeMatch> CpeMatches(FeedJson cve)
    {
        var matches = new List<NvdCpeMatch>();
        foreach (var configuration in cve.OptionalArray("configurations").Objects("a configuration ({nodes})"))
        {
            Operator(configuration);
            foreach (var node in configuration.RequiredArray("nodes").Objects("a configuration node ({operator, cpeMatch})"))
            {
                Operator(node);
                foreach (var match in node.OptionalArray("cpeMatch").Objects("a CPE match ({vulnerable, criteria, …})"))
                {
                    var criteria = match.RequiredString("criteria");
                    if (!criteria.StartsWith("cpe:2.3:", StringComparison.Ordinal))
                    {
                        throw match.Error("criteria", $"'{criteria}' is not a CPE 2.3 name (expected cpe:2.3:part:vendor:product:…)");
                    }

                    matches.Add(new NvdCpeMatch(criteria, match.RequiredBoolean("vulnerable"),
                        match.OptionalString("versionStartIncluding"), match.OptionalString("versionStartExcluding"),
                        match.OptionalString("versionEndIncluding"), match.OptionalString("versionEndExcluding")));
                }
            }
        }

        return matches;
    }

    private static void Operator(FeedJson json)
    {
        if (json.OptionalString("operator") is { } op && op is not ("AND" or "OR"))
        {
            throw json.Error("operator", $"'{op}' is not an operator (expected \"AND\" or \"OR\")");
        }

        _ = json.OptionalBoolean("negate");
    }

    private static List<NvdReference> References(FeedJson cve)
    {
        var references = new List<NvdReference>();
        foreach (var reference in cve.RequiredArray("references").Objects("a reference ({url, source, tags})"))
        {
            var tags = new List<string>();
            foreach (var (tag, _) in reference.OptionalArray("tags").Strings())
            {
                tags.Add(tag);
            }

            references.Add(new NvdReference(reference.RequiredString("url"), reference.OptionalString("source"), tags));
        }

        return references;
    }

    /// <summary>
    /// Walks the top level with <see cref="Utf8JsonReader"/> over a refilled buffer and hands out one parsed CVE at a
    /// time. The buffer grows only when a single CVE is larger than it.
    /// </summary>
    private sealed class Walker(Stream plain, string sourceName)
    {
        private enum Phase
        {
            Start,
            Root,
            Items,
            End,
        }

        private byte[] _buffer = new byte[64 * 1024];
        private int _start;
        private int _end;
        private bool _final;
        private JsonReaderState _state;
        private Phase _phase;
        private int _index;
        private bool _sawItems;
        private long? _resultsPerPage;
        private long? _startIndex;
        private long? _totalResults;
        private string? _format;
        private string? _version;
        private DateTimeOffset? _timestamp;

        /// <summary>The next CVE, or null after the closing brace of the document.</summary>
        public NvdCve? Next()
        {
            try
            {
                while (true)
                {
                    var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _final, _state);
                    var (cve, done) = Step(ref reader);
                    _state = reader.CurrentState;
                    _start += (int)reader.BytesConsumed;
                    if (cve is not null || done)
                    {
                        return cve;
                    }

                    if (_final)
                    {
                        // The reader throws on incomplete JSON in the final block; this is only reached on empty input.
                        throw new FeedFormatException(sourceName, "1:1", "the file is empty (expected an NVD CVE 2.0 JSON object)");
                    }

                    Fill();
                }
            }
            catch (JsonException e)
            {
                throw FeedJson.NotWellFormed(sourceName, e);
            }
        }

        /// <summary>Checks the header and the number of CVEs once the document has ended; the result has no CVEs in it.</summary>
        public NvdFeed Finish(int count)
        {
            var resultsPerPage = Required(_resultsPerPage, "resultsPerPage", "an integer");
            var startIndex = Required(_startIndex, "startIndex", "an integer");
            var totalResults = Required(_totalResults, "totalResults", "an integer");
            _ = Required(_format, "format", "\"NVD_CVE\"");
            var version = Required(_version, "version", "\"2.0\"");
            var timestamp = Required(_timestamp, "timestamp", DateTimeExpected);
            if (!_sawItems)
            {
                throw new FeedFormatException(sourceName, "/vulnerabilities", "the required property 'vulnerabilities' is missing (expected an array)");
            }

            var expected = Math.Max(0, Math.Min(resultsPerPage, totalResults - startIndex));
            if (count != expected)
            {
                throw new FeedFormatException(sourceName, "/vulnerabilities",
                    $"the file lists {count.ToString(CultureInfo.InvariantCulture)} CVEs (expected {expected.ToString(CultureInfo.InvariantCulture)} "
                    + "from resultsPerPage, startIndex and totalResults; the file may be cut short)");
            }

            return new NvdFeed((int)resultsPerPage, (int)startIndex, (int)totalResults, version, timestamp, []);
        }

        private T Required<T>(T? value, string name, string expected) => value ?? throw new FeedFormatException(sourceName, "/" + name,
            $"the required property '{name}' is missing (expected {expected})");

        private T Required<T>(T? value, string name, string expected)
            where T : struct => value ?? throw new FeedFormatException(sourceName, "/" + name,
            $"the required property '{name}' is missing (expected {expected})");

        private (NvdCve? Cve, bool Done) Step(ref Utf8JsonReader reader)
        {
            while (true)
            {
                var checkpoint = reader;
                if (!reader.Read())
                {
                    return (null, _phase == Phase.End && _final);
                }

                switch (_phase)
                {
                    case Phase.Start:
                        if (reader.TokenType != JsonTokenType.StartObject)
                        {
                            throw new FeedFormatException(sourceName, "/", $"found {reader.TokenType} (expected an NVD CVE 2.0 JSON object)");
                        }

                        _phase = Phase.Root;
                        break;

                    case Phase.Root when reader.TokenType == JsonTokenType.EndObject:
                        _phase = Phase.End;
                        break;

                    case Phase.Root:
                        var name = reader.GetString()!;
                        if (!reader.Read() || ((reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                            && name != "vulnerabilities" && !reader.TrySkip()))
                        {
                            reader = checkpoint;
                            return (null, false);
                        }

                        Property(name, ref reader);
                        break;

                    case Phase.Items when reader.TokenType == JsonTokenType.EndArray:
                        _phase = Phase.Root;
                        break;

                    case Phase.Items:
                        var path = "/vulnerabilities/" + _index.ToString(CultureInfo.InvariantCulture);
                        var itemStart = reader;
                        if (!reader.TrySkip())
                        {
                            reader = checkpoint;
                            return (null, false);
                        }

                        using (var item = JsonDocument.ParseValue(ref itemStart))
                        {
                            _index++;
                            return (ParseCve(sourceName, item.RootElement, path), false);
                        }

                    default:
                        throw new FeedFormatException(sourceName, "/", "there is content after the end of the JSON object (expected nothing)");
                }
            }
        }

        private void Property(string name, ref Utf8JsonReader reader)
        {
            var path = "/" + name;
            switch (name)
            {
                case "vulnerabilities":
                    if (reader.TokenType != JsonTokenType.StartArray)
                    {
                        throw new FeedFormatException(sourceName, path, $"found {reader.TokenType} (expected an array of vulnerabilities)");
                    }

                    _sawItems = true;
                    _phase = Phase.Items;
                    break;
                case "resultsPerPage":
                    _resultsPerPage = Integer(ref reader, path);
                    break;
                case "startIndex":
                    _startIndex = Integer(ref reader, path);
                    break;
                case "totalResults":
                    _totalResults = Integer(ref reader, path);
                    break;
                case "format":
                    _format = String(ref reader, path);
                    if (_format != "NVD_CVE")
                    {
                        throw new FeedFormatException(sourceName, path, $"'{_format}' is not the NVD CVE format (expected \"NVD_CVE\"; CPE and match-criteria files are not CVE data)");
                    }

                    break;
                case "version":
                    _version = String(ref reader, path);
                    if (!_version.StartsWith("2.", StringComparison.Ordinal))
                    {
                        throw new FeedFormatException(sourceName, path, $"version '{_version}' is not supported (expected \"2.0\"; the 1.1 feeds were retired in 2023)");
                    }

                    break;
                case "timestamp":
                    var text = String(ref reader, path);
                    _timestamp = DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"], CultureInfo.InvariantCulture,
                        DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var timestamp)
                        ? timestamp
                        : throw new FeedFormatException(sourceName, path, $"'{text}' is not a date-time (expected {DateTimeExpected})");
                    break;
                default:
                    break; // unknown properties are tolerated, as in the other readers
            }
        }

        private long Integer(ref Utf8JsonReader reader, string path) =>
            reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var value) && value >= 0
                ? value
                : throw new FeedFormatException(sourceName, path, $"found {reader.TokenType} {Raw(ref reader)} (expected a non-negative integer)");

        private string String(ref Utf8JsonReader reader, string path) =>
            reader.TokenType == JsonTokenType.String
                ? reader.GetString()!
                : throw new FeedFormatException(sourceName, path, $"found {reader.TokenType} {Raw(ref reader)} (expected a string)");

        private static string Raw(ref Utf8JsonReader reader) =>
            reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray ? string.Empty : System.Text.Encoding.UTF8.GetString(reader.ValueSpan);

        private void Fill()
        {
            if (_start > 0)
            {
                _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
                _end -= _start;
                _start = 0;
            }

            if (_end == _buffer.Length)
            {
                Array.Resize(ref _buffer, _buffer.Length * 2); // one CVE is larger than the buffer
            }

            var read = plain.ReadAtLeast(_buffer.AsSpan(_end), _buffer.Length - _end, throwOnEndOfStream: false);
            _end += read;
            _final = _end < _buffer.Length;
        }
    }
}
