using System.Globalization;
using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using Seam.Intelligence;
using Seam.Intelligence.Feeds;

namespace Seam.Core.Tests.Intelligence.Feeds;

/// <summary>
/// Data/nvd-cves-in-kev.json is written by us in NVD's CVE API 2.0 shape for three CVEs of the KEV corpus, with their
/// public scores, weaknesses and affected versions (matchCriteriaId values are placeholders).
/// </summary>
public class NvdReaderTests
{
    [Fact]
    public void A_feed_page_reads_with_its_header_and_every_cve()
    {
        var feed = NvdReader.ReadFile(Fixture());

        Assert.Equal((3, 0, 3, "2.0"), (feed.ResultsPerPage, feed.StartIndex, feed.TotalResults, feed.Version));
        Assert.Equal(new DateTimeOffset(2025, 8, 26, 6, 0, 1, 337, TimeSpan.Zero), feed.Timestamp);
        Assert.Equal(["CVE-2014-0160", "CVE-2021-44228", "CVE-2024-3400"], feed.Vulnerabilities.Select(c => c.CveId.ToString()));
    }

    [Fact]
    public void A_cve_carries_its_dates_english_description_scores_weaknesses_versions_and_references()
    {
        var heartbleed = NvdReader.ReadFile(Fixture()).Vulnerabilities[0];

        Assert.Equal(new DateTimeOffset(2014, 4, 7, 22, 55, 3, 893, TimeSpan.Zero), heartbleed.Published);
        Assert.Equal(new DateTimeOffset(2025, 4, 12, 10, 46, 40, 837, TimeSpan.Zero), heartbleed.LastModified);
        Assert.Equal("Modified", heartbleed.Status);
        Assert.StartsWith("The (1) TLS and (2) DTLS implementations in OpenSSL", heartbleed.Description, StringComparison.Ordinal);
        Assert.Equal(
            [
                new NvdCvssMetric("3.1", "nvd@nist.gov", true, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", 7.5),
                new NvdCvssMetric("2.0", "nvd@nist.gov", true, "AV:N/AC:L/Au:N/C:P/I:N/A:N", 5.0),
            ],
            heartbleed.Metrics);
        Assert.Equal(["CWE-125"], heartbleed.Cwes);
        Assert.Equal([new NvdCpeMatch("cpe:2.3:a:openssl:openssl:*:*:*:*:*:*:*:*", true, "1.0.1", null, null, "1.0.1g")], heartbleed.CpeMatches);
        Assert.Equal(3, heartbleed.References.Count);
        Assert.Equal("https://www.exploit-db.com/exploits/32745", heartbleed.References[2].Url);
        Assert.Equal(["Exploit", "Third Party Advisory", "VDB Entry"], heartbleed.References[2].Tags);
    }

    [Fact]
    public void Cwes_are_distinct_across_sources_and_nvd_placeholders_are_left_out()
    {
        var feed = NvdReader.ReadFile(Fixture());
        Assert.Equal(["CWE-20", "CWE-400", "CWE-502", "CWE-917"], feed.Vulnerabilities[1].Cwes);
        Assert.Equal(["CWE-77", "CWE-20"], feed.Vulnerabilities[2].Cwes);
    }

    [Fact]
    public void Cvss_v4_scores_come_first_and_a_cna_score_is_secondary()
    {
        var panOs = NvdReader.ReadFile(Fixture()).Vulnerabilities[2];
        Assert.Equal(["4.0", "3.1"], panOs.Metrics.Select(m => m.Version));
        var v4 = panOs.Metrics[0];
        Assert.Equal(("psirt@paloaltonetworks.com", false, 10.0), (v4.Source, v4.IsPrimary, v4.BaseScore));
        Assert.StartsWith("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H", v4.VectorString, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_cpe_match_of_every_configuration_is_listed_including_non_vulnerable_platforms()
    {
        var log4shell = NvdReader.ReadFile(Fixture()).Vulnerabilities[1];
        Assert.Equal(6, log4shell.CpeMatches.Count);
        Assert.Equal(new NvdCpeMatch("cpe:2.3:a:apache:log4j:*:*:*:*:*:*:*:*", true, "2.13.0", null, null, "2.15.0"), log4shell.CpeMatches[2]);
        var platform = Assert.Single(log4shell.CpeMatches, m => !m.Vulnerable);
        Assert.Equal("cpe:2.3:h:siemens:sppa-t3000_ses3000:-:*:*:*:*:*:*:*", platform.Criteria);
    }

    [Fact]
    public void Gzip_and_a_stream_that_delivers_a_few_bytes_at_a_time_read_the_same()
    {
        var bytes = File.ReadAllBytes(Fixture());
        var expected = NvdReader.Read(new MemoryStream(bytes), "nvd.json").Vulnerabilities;

        var gzipped = NvdReader.Read(new MemoryStream(Gzip(bytes)), "nvd.json").Vulnerabilities;
        var trickled = NvdReader.Read(new Trickle(bytes), "nvd.json").Vulnerabilities;

        Assert.Equal(Describe(expected), Describe(gzipped));
        Assert.Equal(Describe(expected), Describe(trickled));
    }

    [Fact]
    public void A_cve_larger_than_the_read_buffer_is_read_whole()
    {
        var matches = string.Join(",", Enumerable.Range(0, 3000).Select(i =>
            $$"""{"vulnerable": true, "criteria": "cpe:2.3:o:example:firmware:1.{{i}}:*:*:*:*:*:*:*", "matchCriteriaId": "00000000-0000-0000-0000-{{i:D12}}"}"""));
        var json = Page(1, Cve("CVE-2024-0001", $$""", "configurations": [{"nodes": [{"operator": "OR", "cpeMatch": [{{matches}}]}]}]"""));
        Assert.True(json.Length > 300_000);

        var cve = Assert.Single(NvdReader.Read(Utf8(json), "big.json").Vulnerabilities);

        Assert.Equal(3000, cve.CpeMatches.Count);
        Assert.Equal("cpe:2.3:o:example:firmware:1.2999:*:*:*:*:*:*:*", cve.CpeMatches[^1].Criteria);
    }

    [Fact]
    public void Cves_stream_one_at_a_time_without_reading_the_whole_file()
    {
        using var endless = new EndlessFeed();

        var first = NvdReader.ReadCves(endless, "endless.json").Take(3).ToList();

        Assert.Equal(["CVE-2024-10000", "CVE-2024-10001", "CVE-2024-10002"], first.Select(c => c.CveId.ToString()));
        Assert.True(endless.BytesServed < 256 * 1024, $"{endless.BytesServed} bytes were read for 3 CVEs");
    }

    [Theory]
    [InlineData("/vulnerabilities/1/cve/metrics/cvssMetricV31/0/cvssData/baseScore", 11.0, "found the number 11 (expected a number from 0 to 10)")]
    [InlineData("/vulnerabilities/0/cve/metrics/cvssMetricV2/0/type", "Tertiary", "'Tertiary' is not a metric type (expected \"Primary\" or \"Secondary\")")]
    [InlineData("/vulnerabilities/2/cve/metrics/cvssMetricV40/0/cvssData/version", "3.1", "'3.1' does not belong in cvssMetricV40 (expected \"4.0\")")]
    [InlineData("/vulnerabilities/1/cve/weaknesses/1/description/0/value", "CWE-abc", "'CWE-abc' is not a CWE id")]
    [InlineData("/vulnerabilities/1/cve/published", "10 Dec 2021", "'10 Dec 2021' is not a date-time")]
    [InlineData("/vulnerabilities/2/cve/id", "CVE-2024-34OO", "'CVE-2024-34OO' is not a CVE id")]
    [InlineData("/vulnerabilities/1/cve/configurations/1/operator", "XOR", "'XOR' is not an operator")]
    [InlineData("/vulnerabilities/0/cve/configurations/0/nodes/0/cpeMatch/0/vulnerable", "yes", "found the string \"yes\" (expected true or false)")]
    [InlineData("/format", "NVD_CPE", "'NVD_CPE' is not the NVD CVE format")]
    [InlineData("/version", "1.1", "version '1.1' is not supported")]
    public void A_bad_value_is_reported_at_its_json_pointer(string pointer, object value, string problem)
    {
        var error = ReadChanged(root => Set(root, pointer, JsonValue.Create(value)));

        Assert.Equal(pointer, error.Location);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith("nvd.json:" + pointer + ": ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/vulnerabilities/0/cve", "lastModified")]
    [InlineData("/vulnerabilities/2/cve", "references")]
    [InlineData("/vulnerabilities/1/cve/metrics/cvssMetricV2/0/cvssData", "vectorString")]
    [InlineData("", "timestamp")]
    public void A_missing_required_property_is_named(string parent, string property)
    {
        var error = ReadChanged(root => Find(root, parent).AsObject().Remove(property));
        Assert.Equal(parent + "/" + property, error.Location);
        Assert.Contains($"the required property '{property}' is missing", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_page_with_fewer_cves_than_its_header_promises_is_an_error()
    {
        var error = ReadChanged(root => root["vulnerabilities"]!.AsArray().RemoveAt(2));
        Assert.Equal("nvd.json:/vulnerabilities: the file lists 2 CVEs (expected 3 from resultsPerPage, startIndex and totalResults; the file may be cut short)",
            error.Message);
    }

    [Fact]
    public void A_truncated_file_fails_at_the_line_where_it_stops()
    {
        var bytes = File.ReadAllBytes(Fixture());
        var cut = bytes.AsSpan(0, bytes.Length * 2 / 3).ToArray();
        var lines = cut.Count(b => b == (byte)'\n') + 1;

        var error = Assert.Throws<FeedFormatException>(() => NvdReader.Read(new MemoryStream(cut), "nvd.json"));

        Assert.StartsWith(lines.ToString(CultureInfo.InvariantCulture) + ":", error.Location, StringComparison.Ordinal);
        Assert.Contains("not well-formed", error.Problem, StringComparison.Ordinal);
    }

    private static string Fixture([CallerFilePath] string here = "") => Path.Combine(Path.GetDirectoryName(here)!, "Data", "nvd-cves-in-kev.json");

    private static string Describe(IEnumerable<NvdCve> cves) => string.Join("\n", cves.Select(c =>
        $"{c.CveId} {c.Published:O} {c.LastModified:O} {c.Status} {c.Description} | {string.Join(";", c.Metrics)} | {string.Join(";", c.Cwes)} | "
        + $"{string.Join(";", c.CpeMatches)} | {string.Join(";", c.References.Select(r => r.Url + "[" + string.Join(",", r.Tags) + "]"))}"));

    private static FeedFormatException ReadChanged(Action<JsonNode> change)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(Fixture()))!;
        change(root);
        return Assert.Throws<FeedFormatException>(() => NvdReader.Read(Utf8(root.ToJsonString()), "nvd.json"));
    }

    private static JsonNode Find(JsonNode root, string pointer)
    {
        var node = root;
        foreach (var part in pointer.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = int.TryParse(part, CultureInfo.InvariantCulture, out var index) ? node[index]! : node[part]!;
        }

        return node;
    }

    private static void Set(JsonNode root, string pointer, JsonNode? value)
    {
        var cut = pointer.LastIndexOf('/');
        var parent = Find(root, pointer[..cut]);
        var last = pointer[(cut + 1)..];
        if (int.TryParse(last, CultureInfo.InvariantCulture, out var index))
        {
            parent[index] = value;
        }
        else
        {
            parent[last] = value;
        }
    }

    private static string Cve(string id, string extra = "") =>
        $$$"""{"cve": {"id": "{{{id}}}", "published": "2024-01-02T03:04:05.678", "lastModified": "2024-01-03T00:00:00.000", "descriptions": [{"lang": "en", "value": "An example."}], "references": []{{{extra}}}}}""";

    private static string Page(int count, string items) =>
        $$"""{"resultsPerPage": {{count}}, "startIndex": 0, "totalResults": {{count}}, "format": "NVD_CVE", "version": "2.0", "timestamp": "2025-01-01T00:00:00.000", "vulnerabilities": [{{items}}]}""";

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    private static byte[] Gzip(byte[] plain)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
        {
            gzip.Write(plain);
        }

        return output.ToArray();
    }

    private abstract class ForwardOnly : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Hands out 1 to 7 bytes per read, so tokens and CVEs straddle every possible refill boundary.</summary>
    private sealed class Trickle(byte[] bytes) : ForwardOnly
    {
        private int _position;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = Math.Min(Math.Min(count, 1 + (_position % 7)), bytes.Length - _position);
            Array.Copy(bytes, _position, buffer, offset, n);
            _position += n;
            return n;
        }
    }

    /// <summary>A page header, then CVEs without end.</summary>
    private sealed class EndlessFeed : ForwardOnly
    {
        private byte[] _pending = Encoding.UTF8.GetBytes(
            """{"resultsPerPage": 2000, "startIndex": 0, "totalResults": 300000, "format": "NVD_CVE", "version": "2.0", "timestamp": "2025-01-01T00:00:00.000", "vulnerabilities": [""");
        private int _offset;
        private int _next = 10_000;

        public long BytesServed { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            if (_offset == _pending.Length)
            {
                _pending = Encoding.UTF8.GetBytes((_next == 10_000 ? "" : ",") + Cve($"CVE-2024-{_next++}"));
                _offset = 0;
            }

            var n = Math.Min(count, _pending.Length - _offset);
            Array.Copy(_pending, _offset, buffer, offset, n);
            _offset += n;
            BytesServed += n;
            return n;
        }
    }
}
