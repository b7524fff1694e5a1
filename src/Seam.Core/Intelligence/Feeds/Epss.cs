using System.Globalization;
using System.Text;

namespace Seam.Intelligence.Feeds;

/// <summary>
/// FIRST's EPSS estimate for one CVE: the probability of exploitation activity in the next 30 days and where that
/// probability ranks among all scored CVEs. Only comparable between scores of the same model version.
/// </summary>
/// <param name="Probability">0 to 1.</param>
/// <param name="Percentile">0 to 1: the share of scored CVEs with the same or a lower probability.</param>
public readonly record struct EpssScore(CveId CveId, double Probability, double Percentile);

/// <summary>How an EPSS file was laid out; told apart by its first lines.</summary>
public enum EpssLayout
{
    /// <summary>FIRST's daily file: <c>#model_version:…,score_date:…</c>, then <c>cve,epss,percentile</c>, then rows.</summary>
    Official,

    /// <summary>The daily file without its comment line (as some mirrors strip it): no model version or date.</summary>
    OfficialWithoutComment,

    /// <summary>Rows without any header, e.g. <c>CVE-2021-47987;0.001200000;0.021680000</c> (EMBA's per-year files).</summary>
    Headerless,
}

/// <summary>
/// An open EPSS file. <see cref="Scores"/> reads rows as they are enumerated, in constant memory, and can be
/// enumerated once; dispose the file afterwards. Not thread-safe.
/// </summary>
public sealed class EpssFile : IDisposable
{
    private readonly StreamReader _reader;
    private readonly IDisposable? _owned;
    private readonly char _delimiter;
    private long _line;
    private bool _started;

    internal EpssFile(string sourceName, StreamReader reader, IDisposable? owned, EpssLayout layout, char delimiter, long line,
        string? modelVersion, DateTimeOffset? scoreDate, string? firstRow)
    {
        SourceName = sourceName;
        _reader = reader;
        _owned = owned;
        Layout = layout;
        _delimiter = delimiter;
        _line = line;
        ModelVersion = modelVersion;
        ScoreDate = scoreDate;
        Scores = ReadScores(firstRow);
    }

    public string SourceName { get; }

    public EpssLayout Layout { get; }

    /// <summary>E.g. <c>v2025.03.14</c>; null when the file has no comment line (then scores cannot be tied to a model).</summary>
    public string? ModelVersion { get; }

    /// <summary>The day the scores are for; null when the file has no comment line.</summary>
    public DateTimeOffset? ScoreDate { get; }

    /// <summary>The rows in file order, read lazily.</summary>
    /// <exception cref="FeedFormatException">Thrown while enumerating, at the first bad row.</exception>
    /// <exception cref="InvalidOperationException">On a second enumeration: the rows come from a stream.</exception>
    public IEnumerable<EpssScore> Scores { get; }

    public void Dispose()
    {
        _reader.Dispose();
        _owned?.Dispose();
    }

    private IEnumerable<EpssScore> ReadScores(string? firstRow)
    {
        if (_started)
        {
            throw new InvalidOperationException($"The scores of {SourceName} have already been read; they are streamed and can be enumerated once.");
        }

        _started = true;
        if (firstRow is not null)
        {
            yield return ParseRow(firstRow, _line);
        }

        while (EpssReader.NextLine(_reader, SourceName, ref _line) is { } text)
        {
            if (text.Length > 0)
            {
                yield return ParseRow(text, _line);
            }
        }
    }

    private EpssScore ParseRow(string text, long line)
    {
        var row = text.AsSpan();
        var first = row.IndexOf(_delimiter);
        var second = first < 0 ? -1 : row[(first + 1)..].IndexOf(_delimiter);
        if (second < 0 || row[(first + 1 + second + 1)..].Contains(_delimiter))
        {
            var fields = text.Count(c => c == _delimiter) + 1;
            throw Error(line, $"the row has {fields.ToString(CultureInfo.InvariantCulture)} field{(fields == 1 ? "" : "s")} "
                + $"(expected 3 separated by '{_delimiter}': cve, epss, percentile)");
        }

        second += first + 1;
        var cveText = row[..first].Trim(' ');
        if (!CveId.TryParse(cveText, out var cve))
        {
            throw Error(line, $"column 'cve': '{cveText}' is not a CVE id (expected {CveId.Expected})");
        }

        var probability = Fraction(row[(first + 1)..second], line, "epss", "probability");
        var percentile = Fraction(row[(second + 1)..], line, "percentile", "percentile");
        return new EpssScore(cve, probability, percentile);
    }

    private double Fraction(ReadOnlySpan<char> text, long line, string column, string what)
    {
        text = text.Trim(' ');
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value is >= 0 and <= 1
            ? value
            : throw Error(line, $"column '{column}': '{text}' is not a {what} between 0 and 1");
    }

    private FeedFormatException Error(long line, string problem) =>
        new(SourceName, line.ToString(CultureInfo.InvariantCulture), problem);
}

/// <summary>
/// Reads EPSS score files: FIRST's daily CSV (plain or gzip, with or without its comment line) and header-less
/// repackagings of it. Only the first lines are read up front; the ~300k rows of a daily file stream.
/// </summary>
public static class EpssReader
{
    private const string Header = "cve,epss,percentile";
    private const string LayoutExpected =
        "'#model_version:…,score_date:…', the header 'cve,epss,percentile', or rows such as 'CVE-2024-12345;0.001200000;0.021680000'";

    /// <summary>Opens a file; the returned <see cref="EpssFile"/> owns it.</summary>
    public static EpssFile ReadFile(string path)
    {
        var file = File.OpenRead(path);
        try
        {
            return Read(file, Path.GetFileName(path), file);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Reads the comment and header lines and returns the file ready to stream its rows. The stream must stay open
    /// until the rows have been read; disposing the result does not close it.
    /// </summary>
    /// <exception cref="FeedFormatException">Unknown layout, a bad comment line, or damaged gzip data.</exception>
    public static EpssFile Read(Stream stream, string sourceName) => Read(stream, sourceName, null);

    private static EpssFile Read(Stream stream, string sourceName, IDisposable? owned)
    {
        var plain = FeedInput.Open(stream, sourceName);
        var reader = new StreamReader(plain, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false);
        try
        {
            return Start(reader, sourceName, owned);
        }
        catch
        {
            reader.Dispose();
            throw;
        }
    }

    private static EpssFile Start(StreamReader reader, string sourceName, IDisposable? owned)
    {
        long line = 0;
        var first = NextNonEmptyLine(reader, sourceName, ref line)
            ?? throw new FeedFormatException(sourceName, "1", $"the file is empty (expected {LayoutExpected})");
        first = first.TrimStart('\uFEFF');
        if (first.StartsWith('#'))
        {
            var (model, date) = ParseComment(first, sourceName, line);
            var header = NextNonEmptyLine(reader, sourceName, ref line);
            if (header is null || !IsHeader(header))
            {
                throw new FeedFormatException(sourceName, line.ToString(CultureInfo.InvariantCulture),
                    header is null ? "the file ends after the comment line (expected the header 'cve,epss,percentile')"
                        : $"unknown header '{Shorten(header)}' (expected 'cve,epss,percentile')");
            }

            return new EpssFile(sourceName, reader, owned, EpssLayout.Official, ',', line, model, date, null);
        }

        if (IsHeader(first))
        {
            return new EpssFile(sourceName, reader, owned, EpssLayout.OfficialWithoutComment, ',', line, null, null, null);
        }

        // A header-less file starts straight with a row: a CVE id and a delimiter.
        var delimiter = first.IndexOfAny([';', ',']) is var at and > 0 ? first[at] : '\0';
        if (delimiter != '\0' && CveId.TryParse(first.AsSpan(0, first.IndexOf(delimiter)).Trim(' '), out _))
        {
            return new EpssFile(sourceName, reader, owned, EpssLayout.Headerless, delimiter, line, null, null, first);
        }

        throw new FeedFormatException(sourceName, line.ToString(CultureInfo.InvariantCulture),
            $"unknown header '{Shorten(first)}' (expected {LayoutExpected})");
    }

    private static bool IsHeader(string line) => line.Trim().Equals(Header, StringComparison.OrdinalIgnoreCase);

    /// <summary><c>#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000</c>; split each pair at its first ':'.</summary>
    private static (string Model, DateTimeOffset Date) ParseComment(string text, string sourceName, long line)
    {
        string? model = null;
        string? dateText = null;
        foreach (var pair in text[1..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var key = colon < 0 ? pair : pair[..colon];
            var value = colon < 0 ? string.Empty : pair[(colon + 1)..];
            if (key == "model_version")
            {
                model = value;
            }
            else if (key == "score_date")
            {
                dateText = value;
            }
        }

        var at = line.ToString(CultureInfo.InvariantCulture);
        const string CommentExpected = "a comment such as #model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000";
        if (string.IsNullOrEmpty(model))
        {
            throw new FeedFormatException(sourceName, at, $"the comment line has no model_version (expected {CommentExpected})");
        }

        if (dateText is null)
        {
            throw new FeedFormatException(sourceName, at, $"the comment line has no score_date (expected {CommentExpected})");
        }

        return (model, ParseScoreDate(dateText) ?? throw new FeedFormatException(sourceName, at,
            $"score_date '{dateText}' is not a date-time (expected e.g. 2025-03-14T00:00:00+0000 or 2026-06-17T12:03:21Z)"));
    }

    /// <summary>Both forms FIRST has used: <c>+0000</c> (older files) and <c>Z</c> (newer).</summary>
    private static DateTimeOffset? ParseScoreDate(string text)
    {
        if (text.Length > 5 && text[^5] is '+' or '-' && !text.AsSpan(text.Length - 4).ContainsAnyExceptInRange('0', '9'))
        {
            text = string.Concat(text.AsSpan(0, text.Length - 2), ":", text.AsSpan(text.Length - 2));
        }

        return DateTimeOffset.TryParseExact(text, ["yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK"],
            CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
    }

    private static string? NextNonEmptyLine(StreamReader reader, string sourceName, ref long line)
    {
        while (NextLine(reader, sourceName, ref line) is { } text)
        {
            if (text.Length > 0)
            {
                return text;
            }
        }

        return null;
    }

    /// <summary>The next line, counting lines; text that is not UTF-8 is an error at its line.</summary>
    internal static string? NextLine(StreamReader reader, string sourceName, ref long line)
    {
        try
        {
            var text = reader.ReadLine();
            if (text is not null)
            {
                line++;
            }

            return text;
        }
        catch (DecoderFallbackException e)
        {
            // The decoder works ahead of ReadLine, so the bad byte is on this line or one of the next few.
            throw new FeedFormatException(sourceName, (line + 1).ToString(CultureInfo.InvariantCulture),
                "the text is not UTF-8 at or shortly after this line (expected a UTF-8 CSV file)", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : string.Concat(text.AsSpan(0, 57), "...");
}
