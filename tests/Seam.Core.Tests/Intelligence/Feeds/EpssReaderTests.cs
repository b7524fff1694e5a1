using System.Globalization;
using System.IO.Compression;
using System.Text;
using Seam.Intelligence;
using Seam.Intelligence.Feeds;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Feeds;

public class EpssReaderTests
{
    private const string Comment = "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000";

    public static TheoryData<string> CorpusFiles() =>
        new(Directory.GetFiles(SharedCorpus.Path("epss", "emba-epss-data", "EPSS_CVE_data"), "*.csv").Select(Path.GetFileName)!);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Every_row_of_the_repackaged_corpus_files_is_read(string name)
    {
        var path = SharedCorpus.Path("epss", "emba-epss-data", "EPSS_CVE_data", name);
        var lines = File.ReadLines(path).Count(l => l.Length > 0);

        using var file = EpssReader.ReadFile(path);
        var count = 0;
        var year = int.Parse(name.AsSpan(4, 4), CultureInfo.InvariantCulture);
        foreach (var score in file.Scores)
        {
            Assert.Equal(year, score.CveId.Year);
            count++;
        }

        Assert.Equal(EpssLayout.Headerless, file.Layout);
        Assert.Null(file.ModelVersion);
        Assert.Null(file.ScoreDate);
        Assert.True(lines > 10_000);
        Assert.Equal(lines, count);
    }

    [Fact]
    public void Repackaged_rows_carry_the_values_as_written()
    {
        using var file = EpssReader.ReadFile(SharedCorpus.Path("epss", "emba-epss-data", "EPSS_CVE_data", "CVE_2021_EPSS.csv"));
        var first = file.Scores.Take(2).ToList();
        Assert.Equal(new EpssScore(CveId.Parse("CVE-2021-47987"), 0.0012, 0.02168), first[0]);
        Assert.Equal(new EpssScore(CveId.Parse("CVE-2021-47986"), 0.0012, 0.02169), first[1]);
    }

    [Fact]
    public void The_official_daily_layout_gives_model_version_score_date_and_rows()
    {
        var (text, expected) = OfficialFile(Comment);

        using var file = EpssReader.Read(Utf8(text), "epss_scores-2025-03-14.csv");

        Assert.Equal(EpssLayout.Official, file.Layout);
        Assert.Equal("v2025.03.14", file.ModelVersion);
        Assert.Equal(new DateTimeOffset(2025, 3, 14, 0, 0, 0, TimeSpan.Zero), file.ScoreDate);
        Assert.Equal(expected, file.Scores.ToList());
    }

    [Fact]
    public void A_gzipped_file_is_recognised_by_its_content_not_its_name()
    {
        var (text, expected) = OfficialFile("#model_version:v2023.03.01,score_date:2026-06-17T12:03:21Z");
        var folder = Directory.CreateTempSubdirectory("seam-epss-");
        try
        {
            var path = Path.Combine(folder.FullName, "epss_scores-current.csv"); // no ".gz"
            File.WriteAllBytes(path, Gzip(Encoding.UTF8.GetBytes(text)));

            using var file = EpssReader.ReadFile(path);

            Assert.Equal("v2023.03.01", file.ModelVersion);
            Assert.Equal(new DateTimeOffset(2026, 6, 17, 12, 3, 21, TimeSpan.Zero), file.ScoreDate);
            Assert.Equal(expected, file.Scores.ToList());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void The_daily_layout_without_its_comment_line_reads_without_a_model_version()
    {
        var (text, expected) = OfficialFile(null);

        using var file = EpssReader.Read(new MemoryStream(Gzip(Encoding.UTF8.GetBytes(text))), "scores.csv.gz");

        Assert.Equal(EpssLayout.OfficialWithoutComment, file.Layout);
        Assert.Null(file.ModelVersion);
        Assert.Equal(expected, file.Scores.ToList());
    }

    [Fact]
    public void A_byte_order_mark_windows_line_ends_and_blank_lines_are_tolerated()
    {
        var (text, expected) = OfficialFile(Comment);
        var windows = "\uFEFF" + text.Replace("\n", "\r\n", StringComparison.Ordinal) + "\r\n";

        using var file = EpssReader.Read(Utf8(windows), "epss.csv");

        Assert.Equal("v2025.03.14", file.ModelVersion);
        Assert.Equal(expected, file.Scores.ToList());
    }

    [Fact]
    public void Rows_are_read_lazily_as_they_are_enumerated()
    {
        using var rows = new EndlessRows();
        using var file = EpssReader.Read(rows, "endless.csv");

        var taken = file.Scores.Take(3).ToList();

        Assert.Equal(["CVE-2024-10000", "CVE-2024-10001", "CVE-2024-10002"], taken.Select(s => s.CveId.ToString()));
        Assert.True(rows.BytesServed < 1024 * 1024, $"{rows.BytesServed} bytes were read for 3 rows");
    }

    [Fact]
    public void The_rows_can_be_enumerated_once()
    {
        using var file = EpssReader.Read(Utf8(OfficialFile(Comment).Text), "epss.csv");
        _ = file.Scores.Count();
        Assert.Throws<InvalidOperationException>(() => file.Scores.Count());
    }

    [Theory]
    [InlineData("CVE-2024-0001,1.7,0.5", "epss.csv:4: column 'epss': '1.7' is not a probability between 0 and 1")]
    [InlineData("CVE-2024-0001,-0.1,0.5", "epss.csv:4: column 'epss': '-0.1' is not a probability between 0 and 1")]
    [InlineData("CVE-2024-0001,0.5,1.01", "epss.csv:4: column 'percentile': '1.01' is not a percentile between 0 and 1")]
    [InlineData("CVE-2024-0001,0.5,abc", "epss.csv:4: column 'percentile': 'abc' is not a percentile between 0 and 1")]
    [InlineData("GHSA-xxxx-yyyy-zzzz,0.5,0.5", "epss.csv:4: column 'cve': 'GHSA-xxxx-yyyy-zzzz' is not a CVE id")]
    [InlineData("CVE-2024-0001,0.5", "epss.csv:4: the row has 2 fields (expected 3 separated by ',': cve, epss, percentile)")]
    public void A_bad_row_names_the_file_line_and_column(string row, string message)
    {
        var text = Comment + "\ncve,epss,percentile\nCVE-2024-0002,0.1,0.2\n" + row + "\n";
        using var file = EpssReader.Read(Utf8(text), "epss.csv");

        var error = Assert.Throws<FeedFormatException>(() => file.Scores.ToList());

        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("cve,score,percentile\nCVE-2024-0001,0.1,0.2\n", "1", "unknown header 'cve,score,percentile'")]
    [InlineData(Comment + "\ncve,epss\n", "2", "unknown header 'cve,epss' (expected 'cve,epss,percentile')")]
    [InlineData("#score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\n", "1", "the comment line has no model_version")]
    [InlineData("#model_version:v2025.03.14,score_date:14/03/2025\ncve,epss,percentile\n", "1", "score_date '14/03/2025' is not a date-time")]
    [InlineData("", "1", "the file is empty")]
    public void An_unknown_layout_is_refused_before_any_row(string text, string location, string problem)
    {
        var error = Assert.Throws<FeedFormatException>(() => EpssReader.Read(Utf8(text), "epss.csv"));
        Assert.Equal(location, error.Location);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Garbage_after_the_gzip_magic_is_reported_with_a_byte_offset()
    {
        var gzip = Gzip(Encoding.UTF8.GetBytes(OfficialFile(Comment).Text));
        for (var i = 12; i < gzip.Length - 8; i++)
        {
            gzip[i] = (byte)(i * 37);
        }

        var error = Assert.Throws<FeedFormatException>(() =>
        {
            using var file = EpssReader.Read(new MemoryStream(gzip), "epss.csv.gz");
            _ = file.Scores.Count();
        });

        Assert.Matches("^byte [0-9]+$", error.Location);
        Assert.Contains("gzip data is corrupt", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_gzip_header_with_an_unknown_method_names_the_byte()
    {
        var gzip = Gzip(Encoding.UTF8.GetBytes(OfficialFile(Comment).Text));
        gzip[2] = 7;
        var error = Assert.Throws<FeedFormatException>(() => EpssReader.Read(new MemoryStream(gzip), "epss.csv.gz"));
        Assert.Equal("epss.csv.gz:byte 2: gzip compression method 0x07 is not deflate (expected 0x08)", error.Message);
    }

    [Fact]
    public void A_truncated_gzip_file_is_an_error_not_a_short_list()
    {
        var rows = string.Concat(Enumerable.Range(0, 20_000).Select(i => $"CVE-2024-{10_000 + i},0.{i % 1000:D3},0.5\n"));
        var gzip = Gzip(Encoding.UTF8.GetBytes(Comment + "\ncve,epss,percentile\n" + rows));
        var cut = gzip.AsSpan(0, gzip.Length * 2 / 3).ToArray();

        var error = Assert.Throws<FeedFormatException>(() =>
        {
            using var file = EpssReader.Read(new MemoryStream(cut), "epss.csv.gz");
            _ = file.Scores.Count();
        });

        Assert.Equal("byte " + cut.Length.ToString(CultureInfo.InvariantCulture), error.Location);
        Assert.Contains("truncated", error.Problem, StringComparison.Ordinal);
    }

    /// <summary>FIRST's layout around the first real rows of a corpus file (which stores them as 'CVE;epss;percentile').</summary>
    private static (string Text, List<EpssScore> Expected) OfficialFile(string? comment)
    {
        var real = File.ReadLines(SharedCorpus.Path("epss", "emba-epss-data", "EPSS_CVE_data", "CVE_2024_EPSS.csv")).Take(6).ToList();
        var text = new StringBuilder();
        if (comment is not null)
        {
            text.Append(comment).Append('\n');
        }

        text.Append("cve,epss,percentile\n");
        var expected = new List<EpssScore>();
        foreach (var line in real)
        {
            var parts = line.Split(';');
            var epss = double.Parse(parts[1], CultureInfo.InvariantCulture);
            var percentile = double.Parse(parts[2], CultureInfo.InvariantCulture);

            // FIRST writes the shortest form (0.00413, not 0.004130000).
            text.Append(parts[0]).Append(',').Append(epss.ToString("R", CultureInfo.InvariantCulture)).Append(',')
                .Append(percentile.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
            expected.Add(new EpssScore(CveId.Parse(parts[0]), epss, percentile));
        }

        return (text.ToString(), expected);
    }

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return output.ToArray();
    }

    /// <summary>A header, then rows without end; the reader must never try to read it all.</summary>
    private sealed class EndlessRows : Stream
    {
        private byte[] _pending = Encoding.UTF8.GetBytes("cve,epss,percentile\n");
        private int _offset;
        private int _next = 10_000;

        public long BytesServed { get; private set; }

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                _pending = Encoding.UTF8.GetBytes($"CVE-2024-{_next++},0.5,0.5\n");
                _offset = 0;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            BytesServed += n;
            return n;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
