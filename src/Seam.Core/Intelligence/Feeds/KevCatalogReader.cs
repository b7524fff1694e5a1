using System.Globalization;
using System.Text.Json;
using Seam.Inventory.Exchange;

namespace Seam.Intelligence.Feeds;

/// <summary>
/// Reads CISA's KEV catalog from the JSON feed (checked by hand against CISA's schema) or from the CSV export.
/// The whole catalog is small (about 1.3 MB for 1400 entries), so it is read at once.
/// </summary>
public static class KevCatalogReader
{
    private const string CwePattern = "a CWE id such as CWE-79";
    private const string RansomwareExpected = "\"Known\" or \"Unknown\"";
    private const string DateTimeExpected = "a date-time such as 2025-08-25T17:04:19.9796Z";

    private static readonly string[] CsvColumns =
    [
        "cveID", "vendorProject", "product", "vulnerabilityName", "dateAdded", "shortDescription", "requiredAction", "dueDate",
        "knownRansomwareCampaignUse", "notes", "cwes",
    ];

    /// <summary>Opens a file and reads it as JSON when it starts with '{', otherwise as CSV.</summary>
    public static KevCatalog ReadFile(string path)
    {
        using var file = File.OpenRead(path);
        return ReadAny(file, Path.GetFileName(path));
    }

    /// <summary>Reads JSON when the (ungzipped) content starts with '{', otherwise CSV: for uploads of either export.</summary>
    public static KevCatalog ReadAny(Stream stream, string sourceName)
    {
        using var plain = FeedInput.Open(stream, sourceName);
        var isJson = FeedInput.LooksLikeJson(plain, out var content);
        return isJson ? ReadJson(content, sourceName) : FromCsv(content, sourceName);
    }

    /// <summary>Reads the JSON feed (<c>known_exploited_vulnerabilities.json</c>); gzip is accepted too.</summary>
    /// <exception cref="FeedFormatException">The file is not a valid KEV catalog; the message says where and why.</exception>
    public static KevCatalog Read(Stream stream, string sourceName)
    {
        using var plain = FeedInput.Open(stream, sourceName);
        return ReadJson(plain, sourceName);
    }

    /// <summary>
    /// Reads the CSV export (<c>known_exploited_vulnerabilities.csv</c>). It carries no catalog version or release
    /// date, so those are null. Columns are found by header name; extra columns are ignored.
    /// </summary>
    /// <exception cref="FeedFormatException">The file is not a valid KEV CSV; the message says which line and why.</exception>
    public static KevCatalog ReadCsv(Stream stream, string sourceName)
    {
        using var plain = FeedInput.Open(stream, sourceName);
        return FromCsv(plain, sourceName);
    }

    private static KevCatalog ReadJson(Stream plain, string sourceName)
    {
        using var document = FeedJson.Parse(plain, sourceName);
        var root = FeedJson.Object(sourceName, document.RootElement, string.Empty, "the KEV catalog");
        var title = root.OptionalString("title");
        var version = root.RequiredString("catalogVersion");
        var releasedText = root.RequiredString("dateReleased");
        if (!DateTimeOffset.TryParseExact(releasedText, ["yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", "yyyy-MM-dd'T'HH:mm:ssK"],
                CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var released))
        {
            throw root.Error("dateReleased", $"'{releasedText}' is not a date-time (expected {DateTimeExpected})");
        }

        var count = root.RequiredInteger("count");
        var items = root.RequiredArray("vulnerabilities");
        var entries = new List<KevEntry>(items.Length);
        var seen = new Dictionary<CveId, string>();
        foreach (var item in items.Objects("a vulnerability"))
        {
            var entry = ReadEntry(item);
            if (!seen.TryAdd(entry.CveId, item.Path))
            {
                throw item.Error("cveID", $"{entry.CveId} is listed again; it first appears at {seen[entry.CveId]} (expected each CVE once)");
            }

            entries.Add(entry);
        }

        if (count != entries.Count)
        {
            throw root.Error("count",
                $"the catalog states {count.ToString(CultureInfo.InvariantCulture)} entries but lists {entries.Count.ToString(CultureInfo.InvariantCulture)} "
                + "(expected the count to equal the number of entries in /vulnerabilities; the file may be truncated)");
        }

        return new KevCatalog(title, version, released, entries.Count, entries);
    }

    private static KevEntry ReadEntry(FeedJson item)
    {
        var cwes = new List<string>();
        foreach (var (value, path) in item.OptionalArray("cwes").Strings())
        {
            cwes.Add(IsCwe(value) ? value : throw new FeedFormatException(item.SourceName, path, $"'{value}' is not a CWE id (expected {CwePattern})"));
        }

        var ransomware = item.OptionalString("knownRansomwareCampaignUse");
        return new KevEntry(
            item.RequiredCveId("cveID"),
            item.RequiredString("vendorProject"),
            item.RequiredString("product"),
            item.RequiredString("vulnerabilityName"),
            item.RequiredDate("dateAdded"),
            item.RequiredString("shortDescription"),
            item.RequiredString("requiredAction"),
            item.RequiredDate("dueDate"),
            ParseRansomware(ransomware) ?? throw item.Error("knownRansomwareCampaignUse", $"'{ransomware}' is not a known value (expected {RansomwareExpected})"),
            item.OptionalString("notes") ?? string.Empty,
            cwes);
    }

    private static KevCatalog FromCsv(Stream plain, string sourceName)
    {
        var csv = new CsvTokenizer(plain, sourceName, long.MaxValue);
        if (!csv.ReadRecord())
        {
            throw CsvError(csv, sourceName) ?? new FeedFormatException(sourceName, "1",
                "the file is empty (expected the header line " + string.Join(',', CsvColumns) + ")");
        }

        var header = csv.Fields();
        var index = new int[CsvColumns.Length];
        for (var c = 0; c < CsvColumns.Length; c++)
        {
            index[c] = Array.IndexOf(header, CsvColumns[c]);
            if (index[c] < 0 && c < 8)
            {
                throw new FeedFormatException(sourceName, "1",
                    $"the header has no column '{CsvColumns[c]}' (expected the KEV columns {string.Join(',', CsvColumns)})");
            }
        }

        var entries = new List<KevEntry>();
        var seen = new Dictionary<CveId, long>();
        while (csv.ReadRecord())
        {
            var line = csv.RecordLine;
            if (csv.FieldCount != header.Length)
            {
                throw new FeedFormatException(sourceName, Line(line),
                    $"the record has {csv.FieldCount.ToString(CultureInfo.InvariantCulture)} fields (expected {header.Length.ToString(CultureInfo.InvariantCulture)}, one per header column)");
            }

            var row = new CsvRow(csv.Fields(), index, sourceName, line);
            var entry = new KevEntry(
                row.CveId(0), row.Text(1), row.Text(2), row.Text(3), row.Date(4), row.Text(5), row.Text(6), row.Date(7),
                row.Ransomware(8), row.Text(9), row.Cwes(10));
            if (!seen.TryAdd(entry.CveId, line))
            {
                throw new FeedFormatException(sourceName, Line(line),
                    $"column 'cveID': {entry.CveId} is listed again; it first appears on line {seen[entry.CveId].ToString(CultureInfo.InvariantCulture)} (expected each CVE once)");
            }

            entries.Add(entry);
        }

        if (CsvError(csv, sourceName) is { } error)
        {
            throw error;
        }

        return new KevCatalog(null, null, null, entries.Count, entries);
    }

    private static FeedFormatException? CsvError(CsvTokenizer csv, string sourceName) => csv.Error is { } e
        ? new FeedFormatException(sourceName, e.Line is { } line ? Line(line) : "1",
            e.Expected is null ? e.Message : $"{e.Message} (expected {e.Expected})")
        : null;

    private static string Line(long line) => line.ToString(CultureInfo.InvariantCulture);

    private static bool IsCwe(string value) =>
        value.Length > 4 && value.StartsWith("CWE-", StringComparison.Ordinal) && !value.AsSpan(4).ContainsAnyExceptInRange('0', '9');

    private static RansomwareCampaignUse? ParseRansomware(string? value) => value switch
    {
        null or "" or "Unknown" => RansomwareCampaignUse.Unknown,
        "Known" => RansomwareCampaignUse.Known,
        _ => null,
    };

    /// <summary>One CSV record, with the column index of each KEV column (-1 for an optional column not present).</summary>
    private readonly struct CsvRow(string[] fields, int[] index, string sourceName, long line)
    {
        public string Text(int column) => index[column] < 0 ? string.Empty : fields[index[column]];

        public CveId CveId(int column)
        {
            var text = Text(column);
            return Intelligence.CveId.TryParse(text, out var id) ? id : throw Error(column, $"'{text}' is not a CVE id (expected {Intelligence.CveId.Expected})");
        }

        public DateOnly Date(int column)
        {
            var text = Text(column);
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                ? date
                : throw Error(column, $"'{text}' is not a date (expected {FeedJson.DateExpected})");
        }

        public RansomwareCampaignUse Ransomware(int column)
        {
            var text = Text(column);
            return ParseRansomware(text) ?? throw Error(column, $"'{text}' is not a known value (expected {RansomwareExpected})");
        }

        /// <summary>The CSV joins the JSON array with ", ".</summary>
        public IReadOnlyList<string> Cwes(int column)
        {
            var text = Text(column);
            if (text.Length == 0)
            {
                return [];
            }

            var cwes = text.Split(',', StringSplitOptions.TrimEntries);
            foreach (var cwe in cwes)
            {
                if (!IsCwe(cwe))
                {
                    throw Error(column, $"'{cwe}' is not a CWE id (expected a comma-separated list of CWE ids such as CWE-79, CWE-89)");
                }
            }

            return cwes;
        }

        private FeedFormatException Error(int column, string problem) =>
            new(sourceName, line.ToString(CultureInfo.InvariantCulture), $"column '{CsvColumns[column]}': {problem}");
    }
}
