using System.Text;
using System.Text.Json.Nodes;
using Seam.Intelligence;
using Seam.Intelligence.Feeds;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Feeds;

public class KevCatalogReaderTests
{
    private static readonly string JsonPath = SharedCorpus.Path("kev", "known_exploited_vulnerabilities.json");
    private static readonly string CsvPath = SharedCorpus.Path("kev", "known_exploited_vulnerabilities.csv");

    [Fact]
    public void The_published_catalog_reads_with_all_1404_entries_and_its_header()
    {
        var catalog = KevCatalogReader.ReadFile(JsonPath);

        Assert.Equal("CISA Catalog of Known Exploited Vulnerabilities", catalog.Title);
        Assert.Equal("2025.08.25", catalog.CatalogVersion);
        Assert.Equal(new DateTimeOffset(2025, 8, 25, 17, 4, 19, TimeSpan.Zero).AddTicks(9_796_000), catalog.DateReleased);
        Assert.Equal(1404, catalog.Count);
        Assert.Equal(1404, catalog.Vulnerabilities.Count);
        Assert.Equal(1404, catalog.Vulnerabilities.Select(v => v.CveId).Distinct().Count());
        Assert.Equal("CVE-2025-48384", catalog.Vulnerabilities[0].CveId.ToString());
        Assert.Equal("CVE-2020-29583", catalog.Vulnerabilities[^1].CveId.ToString());
    }

    [Fact]
    public void Entries_keep_every_field_as_cisa_wrote_it()
    {
        var catalog = KevCatalogReader.ReadFile(JsonPath);
        var log4shell = catalog.Vulnerabilities[1107];
        Assert.Equal(CveId.Parse("CVE-2021-44228"), log4shell.CveId);
        Assert.Equal("Apache", log4shell.VendorProject);
        Assert.Equal("Log4j2", log4shell.Product);
        Assert.Equal("Apache Log4j2 Remote Code Execution Vulnerability", log4shell.VulnerabilityName);
        Assert.Equal(new DateOnly(2021, 12, 10), log4shell.DateAdded);
        Assert.StartsWith("Apache Log4j2 contains a vulnerability where JNDI features", log4shell.ShortDescription, StringComparison.Ordinal);
        Assert.StartsWith("For all affected software assets for which updates exist", log4shell.RequiredAction, StringComparison.Ordinal);
        Assert.Equal(new DateOnly(2021, 12, 24), log4shell.DueDate);
        Assert.Equal(RansomwareCampaignUse.Known, log4shell.KnownRansomwareCampaignUse);
        Assert.Equal("https://nvd.nist.gov/vuln/detail/CVE-2021-44228", log4shell.Notes);
        Assert.Equal(["CWE-20", "CWE-400", "CWE-502"], log4shell.Cwes);

        var heartbleed = Assert.Single(catalog.Vulnerabilities, v => v.CveId == CveId.Parse("CVE-2014-0160"));
        Assert.Equal(("OpenSSL", new DateOnly(2022, 5, 4), new DateOnly(2022, 5, 25), RansomwareCampaignUse.Unknown),
            (heartbleed.Product, heartbleed.DateAdded, heartbleed.DueDate, heartbleed.KnownRansomwareCampaignUse));
        Assert.Equal(["CWE-125"], heartbleed.Cwes);

        // The trailing space is in CISA's data; readers do not tidy values.
        Assert.Equal("SimpleHelp ", catalog.Vulnerabilities[133].VendorProject);
        Assert.Equal(293, catalog.Vulnerabilities.Count(v => v.KnownRansomwareCampaignUse == RansomwareCampaignUse.Known));
    }

    [Fact]
    public void The_csv_export_gives_the_same_entries_as_the_json_feed()
    {
        var json = KevCatalogReader.ReadFile(JsonPath);
        using var stream = File.OpenRead(CsvPath);
        var csv = KevCatalogReader.ReadCsv(stream, "known_exploited_vulnerabilities.csv");

        Assert.Null(csv.CatalogVersion);
        Assert.Null(csv.DateReleased);
        Assert.Equal(1404, csv.Count);
        Assert.Equal(json.Vulnerabilities, csv.Vulnerabilities);
        Assert.Equal(KevCatalogReader.ReadFile(CsvPath).Vulnerabilities, csv.Vulnerabilities); // ReadFile tells CSV from JSON
    }

    [Theory]
    [InlineData(17, "dateAdded", "2025-13-01", "/vulnerabilities/17/dateAdded", "'2025-13-01' is not a date (expected a date YYYY-MM-DD)")]
    [InlineData(3, "dueDate", "25.08.2025", "/vulnerabilities/3/dueDate", "'25.08.2025' is not a date")]
    [InlineData(40, "cveID", "CVE-21-1234", "/vulnerabilities/40/cveID", "'CVE-21-1234' is not a CVE id")]
    [InlineData(5, "knownRansomwareCampaignUse", "Yes", "/vulnerabilities/5/knownRansomwareCampaignUse", "'Yes' is not a known value (expected \"Known\" or \"Unknown\")")]
    public void A_bad_value_is_reported_at_its_json_path(int index, string property, string value, string location, string problem)
    {
        var error = ReadMutated(root => root["vulnerabilities"]![index]![property] = value);

        Assert.Equal("kev.json", error.SourceName);
        Assert.Equal(location, error.Location);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
        Assert.StartsWith($"kev.json:{location}: ", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("vendorProject", "/vulnerabilities/9/vendorProject", "the required property 'vendorProject' is missing (expected a string)")]
    [InlineData("dueDate", "/vulnerabilities/9/dueDate", "'dueDate' is missing")]
    public void A_missing_required_field_is_named(string property, string location, string problem)
    {
        var error = ReadMutated(root => root["vulnerabilities"]![9]!.AsObject().Remove(property));

        Assert.Equal(location, error.Location);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cwe_that_is_not_a_cwe_id_is_reported_at_its_array_index()
    {
        var error = ReadMutated(root => root["vulnerabilities"]![2]!["cwes"] = new JsonArray("CWE-79", "NVD-CWE-Other"));
        Assert.Equal("/vulnerabilities/2/cwes/1", error.Location);
        Assert.Contains("'NVD-CWE-Other' is not a CWE id", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_stated_count_that_differs_from_the_entries_is_an_error()
    {
        var error = ReadMutated(root => root["count"] = 1405);
        Assert.Equal("/count", error.Location);
        Assert.Contains("states 1405 entries but lists 1404", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cve_listed_twice_is_an_error_naming_both_places()
    {
        var error = ReadMutated(root => root["vulnerabilities"]![30]!["cveID"] = "cve-2025-48384");
        Assert.Equal("/vulnerabilities/30/cveID", error.Location);
        Assert.Contains("CVE-2025-48384 is listed again; it first appears at /vulnerabilities/0", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_release_date_or_a_wrong_type_is_named()
    {
        Assert.Equal("/dateReleased", ReadMutated(root => root.AsObject().Remove("dateReleased")).Location);
        var error = ReadMutated(root => root["count"] = "1404");
        Assert.Equal("/count", error.Location);
        Assert.Contains("found the string \"1404\" (expected an integer)", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_file_fails_with_the_line_where_it_stops()
    {
        var bytes = File.ReadAllBytes(JsonPath);
        var cut = bytes.AsSpan(0, bytes.Length / 2).ToArray();
        var lines = cut.Count(b => b == (byte)'\n') + 1;

        var error = Assert.Throws<FeedFormatException>(() => KevCatalogReader.Read(new MemoryStream(cut), "kev.json"));

        Assert.StartsWith(lines.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":", error.Location, StringComparison.Ordinal);
        Assert.Contains("not well-formed", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void Csv_fields_may_hold_quotes_commas_and_line_breaks()
    {
        var csv = Header + "\r\n"
            + "CVE-2024-0001,\"Acme, Inc.\",\"Widget \"\"Pro\"\"\",Acme Widget Vulnerability,2024-01-02,\"Line one\nline two\",Patch.,2024-01-23,Known,,\"CWE-79, CWE-89\"\r\n"
            + "CVE-2024-0002,Acme,Gadget,Acme Gadget Vulnerability,2024-01-03,Short.,Patch.,2024-01-24,Unknown,https://example.com/a ; https://example.com/b,\r\n";

        var catalog = KevCatalogReader.ReadCsv(Utf8(csv), "kev.csv");

        Assert.Equal(2, catalog.Count);
        var first = catalog.Vulnerabilities[0];
        Assert.Equal("Acme, Inc.", first.VendorProject);
        Assert.Equal("Widget \"Pro\"", first.Product);
        Assert.Equal("Line one\nline two", first.ShortDescription);
        Assert.Equal(RansomwareCampaignUse.Known, first.KnownRansomwareCampaignUse);
        Assert.Equal(string.Empty, first.Notes);
        Assert.Equal(["CWE-79", "CWE-89"], first.Cwes);
        Assert.Empty(catalog.Vulnerabilities[1].Cwes);
        Assert.Equal("https://example.com/a ; https://example.com/b", catalog.Vulnerabilities[1].Notes);
    }

    [Theory]
    [InlineData("CVE-2024-0001,Acme,Widget,Name,2024-02-30,Short,Act,2024-01-23,Unknown,,CWE-79", "3", "column 'dateAdded': '2024-02-30' is not a date")]
    [InlineData("CVE-2024-0001,Acme,Widget,Name,2024-01-02,Short,Act,2024-01-23,Maybe,,CWE-79", "3", "column 'knownRansomwareCampaignUse': 'Maybe'")]
    [InlineData("CVE-2024-0001,Acme,Widget,Name,2024-01-02,Short,Act,2024-01-23,Unknown,,CWE79", "3", "column 'cwes': 'CWE79' is not a CWE id")]
    [InlineData("CVE-2024-0001,Acme,Widget,Name,2024-01-02,Short,Act", "3", "the record has 7 fields (expected 11")]
    [InlineData("CVE-2024-0002,Acme,Widget,Name,2024-01-02,Short,Act,2024-01-23,Unknown,,", "3", "CVE-2024-0002 is listed again; it first appears on line 2")]
    [InlineData("CVE-2024-0003,\"Acme,Widget,Name,2024-01-02,Short,Act,2024-01-23,Unknown,,", "3", "the file ends inside a quoted field that starts on line 3")]
    public void Csv_errors_name_the_line_and_column(string secondRow, string line, string problem)
    {
        var csv = Header + "\n" + "CVE-2024-0002,Acme,Gadget,Name,2024-01-03,Short,Act,2024-01-24,Unknown,,\n" + secondRow + "\n";

        var error = Assert.Throws<FeedFormatException>(() => KevCatalogReader.ReadCsv(Utf8(csv), "kev.csv"));

        Assert.Equal(line, error.Location);
        Assert.Contains(problem, error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_without_a_required_column_is_refused_at_the_header()
    {
        var csv = Header.Replace(",dueDate", ",due", StringComparison.Ordinal) + "\n";
        var error = Assert.Throws<FeedFormatException>(() => KevCatalogReader.ReadCsv(Utf8(csv), "kev.csv"));
        Assert.Equal("kev.csv:1: the header has no column 'dueDate' (expected the KEV columns " + Header + ")", error.Message);
    }

    private const string Header =
        "cveID,vendorProject,product,vulnerabilityName,dateAdded,shortDescription,requiredAction,dueDate,knownRansomwareCampaignUse,notes,cwes";

    private static MemoryStream Utf8(string text) => new(Encoding.UTF8.GetBytes(text));

    /// <summary>The real catalog with one change made, read back; the read must fail.</summary>
    private static FeedFormatException ReadMutated(Action<JsonNode> change)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(JsonPath))!;
        change(root);
        var bytes = Encoding.UTF8.GetBytes(root.ToJsonString());
        return Assert.Throws<FeedFormatException>(() => KevCatalogReader.Read(new MemoryStream(bytes), "kev.json"));
    }
}
