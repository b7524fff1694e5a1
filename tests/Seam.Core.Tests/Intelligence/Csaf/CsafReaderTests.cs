using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seam.Intelligence;
using Seam.Intelligence.Csaf;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Csaf;

public class CsafReaderTests
{
    /// <summary>A small but complete advisory; each test breaks one thing in it.</summary>
    internal const string Minimal = """
        {
          "document": {
            "category": "csaf_security_advisory",
            "csaf_version": "2.0",
            "title": "Example PLC firmware advisory",
            "lang": "en",
            "publisher": { "category": "vendor", "name": "Example", "namespace": "https://example.com" },
            "tracking": {
              "id": "EX-2024-0001",
              "version": "2",
              "status": "final",
              "initial_release_date": "2024-01-10T00:00:00Z",
              "current_release_date": "2024-02-01T08:30:00+01:00",
              "revision_history": [
                { "number": "1", "date": "2024-01-10T00:00:00Z", "summary": "Initial." },
                { "number": "2", "date": "2024-02-01T08:30:00+01:00", "summary": "Fix released." }
              ],
              "generator": { "engine": { "name": "hand", "version": "1" } }
            },
            "distribution": { "tlp": { "label": "WHITE" } }
          },
          "product_tree": {
            "branches": [
              { "category": "vendor", "name": "Example",
                "branches": [
                  { "category": "product_family", "name": "S7",
                    "branches": [
                      { "category": "product_name", "name": "PLC 1500",
                        "branches": [
                          { "category": "product_version_range", "name": "vers:generic/<2.9",
                            "product": { "name": "Example PLC 1500 < 2.9", "product_id": "PLC-OLD",
                              "product_identification_helper": { "model_numbers": ["6ES7 51?-*"] } } },
                          { "category": "architecture", "name": "arm",
                            "branches": [
                              { "category": "product_version", "name": "2.9",
                                "product": { "name": "Example PLC 1500 2.9 (arm)", "product_id": "PLC-29",
                                  "product_identification_helper": { "cpe": "cpe:2.3:h:example:plc_1500:2.9:*:*:*:*:*:*:*" } } }
                            ] }
                        ] }
                    ] }
                ] }
            ],
            "full_product_names": [
              { "name": "Example Engineering Tool 5", "product_id": "TOOL-5",
                "product_identification_helper": { "purl": "pkg:generic/example/tool@5" } }
            ],
            "relationships": [
              { "category": "installed_on", "product_reference": "PLC-OLD", "relates_to_product_reference": "TOOL-5",
                "full_product_name": { "name": "Old PLC firmware managed by Tool 5", "product_id": "PLC-OLD-ON-TOOL" } }
            ],
            "product_groups": [ { "group_id": "ALL-PLC", "product_ids": ["PLC-OLD", "PLC-29"] } ]
          },
          "vulnerabilities": [
            {
              "cve": "CVE-2024-12345",
              "cwe": { "id": "CWE-787", "name": "Out-of-bounds Write" },
              "product_status": { "known_affected": ["PLC-OLD", "PLC-OLD-ON-TOOL"], "fixed": ["PLC-29"], "recommended": ["PLC-29"] },
              "scores": [
                { "products": ["PLC-OLD"],
                  "cvss_v3": { "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL", "temporalScore": 9.1 },
                  "cvss_v4": { "version": "4.0", "vectorString": "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", "baseScore": 9.3, "baseSeverity": "CRITICAL" } }
              ],
              "threats": [ { "category": "target_set", "details": "Plants", "group_ids": ["ALL-PLC"] } ],
              "flags": [ { "label": "component_not_present", "product_ids": ["TOOL-5"] } ],
              "involvements": [ { "party": "vendor", "status": "completed" } ],
              "remediations": [
                { "category": "vendor_fix", "details": "Update to 2.9", "product_ids": ["PLC-OLD"], "url": "https://example.com/fw",
                  "restart_required": { "category": "zone" } },
                { "category": "mitigation", "details": "Block port 102", "group_ids": ["ALL-PLC"] }
              ]
            }
          ]
        }
        """;

    internal static CsafReadResult ReadText(string json, string name = "test.json") => CsafReader.Read(Encoding.UTF8.GetBytes(json), name);

    /// <summary>The minimal advisory with one edit applied to its JSON tree.</summary>
    private static CsafReadResult ReadEdited(Action<JsonObject> edit)
    {
        var node = JsonNode.Parse(Minimal)!.AsObject();
        edit(node);
        return ReadText(node.ToJsonString());
    }

    [Fact]
    public void The_minimal_advisory_reads_into_a_complete_model()
    {
        using var result = ReadText(Minimal);
        Assert.Empty(result.Errors);
        var document = Assert.IsType<CsafDocument>(result.Document);
        Assert.Equal("EX-2024-0001", document.Document.Tracking.Id);
        Assert.Equal(CsafPublisherCategory.Vendor, document.Document.Publisher.Category);
        Assert.Equal(TlpLabel.White, document.Document.Distribution!.Tlp!.Label);
        Assert.Equal("https://www.first.org/tlp/", document.Document.Distribution.Tlp.Url);
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 7, 30, 0, TimeSpan.Zero), document.Document.Tracking.CurrentReleaseDate);
        Assert.Equal(["PLC-OLD", "PLC-29", "TOOL-5", "PLC-OLD-ON-TOOL"], document.DefinedProductIds);

        var vulnerability = Assert.Single(document.Vulnerabilities);
        Assert.Equal(["PLC-OLD", "PLC-OLD-ON-TOOL"], vulnerability.ProductStatus[ProductStatusKind.KnownAffected]);
        var score = Assert.Single(vulnerability.Scores);
        Assert.Equal(9.8m, score.CvssV3!.BaseScore);
        Assert.Contains("\"temporalScore\": 9.1", score.CvssV3.RawJson, StringComparison.Ordinal);
        Assert.Equal("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", score.CvssV4!.VectorString);
        Assert.Equal(CsafThreatCategory.TargetSet, vulnerability.Threats[0].Category);
        Assert.Equal(CsafRestartCategory.Zone, vulnerability.Remediations[0].RestartRequired!.Category);
        Assert.Equal(2, document.RemediationCount);
        Assert.Equal(1, document.ScoreCount);
        Assert.NotNull(result.Json);
        Assert.Equal(JsonValueKind.Object, result.Root!.Value.ValueKind);
    }

    [Fact]
    public void Reading_a_parsed_element_gives_the_same_model_and_leaves_the_JSON_with_the_caller()
    {
        using var parsed = JsonDocument.Parse(Minimal);
        using var result = CsafReader.Read(parsed.RootElement);
        Assert.True(result.Succeeded);
        Assert.Null(result.Json);
        Assert.Equal(4, result.Document!.DefinedProductIds.Count);
    }

    public static TheoryData<string, string, string> StructuralBreaks => new()
    {
        // JSON path to set (dotted, numeric = index), replacement JSON, expected pointer
        { "vulnerabilities.0.product_status.fixed", "[\"A\", 7]", "/vulnerabilities/0/product_status/fixed/1" },
        { "vulnerabilities.0.remediations.0.category", "\"vendor-fix\"", "/vulnerabilities/0/remediations/0/category" },
        { "document.tracking.status", "\"released\"", "/document/tracking/status" },
        { "document.csaf_version", "\"2.1\"", "/document/csaf_version" },
        { "document.tracking.initial_release_date", "\"2024-01-10\"", "/document/tracking/initial_release_date" },
        { "document.tracking.current_release_date", "\"2024-01-10T10:00:00\"", "/document/tracking/current_release_date" },
        { "document.title", "42", "/document/title" },
        { "document.distribution.tlp.label", "\"CLEAR\"", "/document/distribution/tlp/label" },
        { "vulnerabilities.0.cve", "\"CVE-24-1\"", "/vulnerabilities/0/cve" },
        { "vulnerabilities.0.scores.0.cvss_v3.baseScore", "\"9.8\"", "/vulnerabilities/0/scores/0/cvss_v3/baseScore" },
        { "vulnerabilities.0.scores.0.cvss_v3.version", "\"3.2\"", "/vulnerabilities/0/scores/0/cvss_v3/version" },
        { "vulnerabilities.0.scores.0.cvss_v3.vectorString", "\"CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"", "/vulnerabilities/0/scores/0/cvss_v3/vectorString" },
        { "vulnerabilities.0.threats.0.category", "\"target_details\"", "/vulnerabilities/0/threats/0/category" },
        { "product_tree.branches.0.category", "\"maker\"", "/product_tree/branches/0/category" },
        { "product_tree.full_product_names.0.product_identification_helper.purl", "\"pkg://generic/x\"", "/product_tree/full_product_names/0/product_identification_helper/purl" },
        { "product_tree.product_groups.0.product_ids", "[\"PLC-29\"]", "/product_tree/product_groups/0/product_ids" },
        { "vulnerabilities.0.product_status.known_affected", "[\"PLC-OLD\", \"PLC-OLD\"]", "/vulnerabilities/0/product_status/known_affected/1" },
        { "vulnerabilities.0.product_status", "{}", "/vulnerabilities/0/product_status" },
        { "vulnerabilities", "[]", "/vulnerabilities" },
        { "document.publisher.namespace", "\"example.com\"", "/document/publisher/namespace" },
        { "product_tree.relationships.0.category", "\"runs_on\"", "/product_tree/relationships/0/category" },
    };

    [Theory]
    [MemberData(nameof(StructuralBreaks))]
    public void A_structural_break_is_reported_at_its_JSON_pointer(string path, string replacement, string pointer)
    {
        using var result = ReadEdited(root => Set(root, path, JsonNode.Parse(replacement)));
        Assert.False(result.Succeeded);
        Assert.Null(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal(pointer, error.JsonPath);
        Assert.StartsWith("expected", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_enum_error_lists_the_allowed_values()
    {
        using var result = ReadEdited(root => Set(root, "vulnerabilities.0.remediations.1.category", JsonValue.Create("patch")));
        var error = Assert.Single(result.Errors);
        Assert.Equal("expected one of mitigation, no_fix_planned, none_available, vendor_fix, workaround, found 'patch'", error.Message);
    }

    [Fact]
    public void Every_problem_is_collected_not_only_the_first()
    {
        using var result = ReadEdited(root =>
        {
            Remove(root, "document.title");
            Set(root, "vulnerabilities.0.product_status.fixed", JsonNode.Parse("[1, 2]"));
            Set(root, "vulnerabilities.0.remediations.0.category", JsonValue.Create("later"));
        });

        Assert.Equal(
            [
                "/document/title",
                "/vulnerabilities/0/product_status/fixed/0",
                "/vulnerabilities/0/product_status/fixed/1",
                "/vulnerabilities/0/remediations/0/category",
            ],
            result.Errors.Select(e => e.JsonPath).Order(StringComparer.Ordinal));
        Assert.Contains(result.Errors, e => e.Message == "required property 'title' is missing");
        Assert.Contains(result.Errors, e => e.Message == "expected a string, found the number 2");
    }

    [Fact]
    public void A_branch_with_both_children_and_a_product_is_refused()
    {
        using var result = ReadEdited(root => Set(root, "product_tree.branches.0.product", JsonNode.Parse("""{ "name": "x", "product_id": "X" }""")));
        var error = Assert.Single(result.Errors);
        Assert.Equal("/product_tree/branches/0", error.JsonPath);
        Assert.Contains("not both", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Pointers_escape_slash_and_tilde_in_property_names()
    {
        Assert.Equal("/a~1b~0c/0", JsonPointer.Root.Property("a/b~c").Item(0).ToString());
        Assert.Equal(string.Empty, JsonPointer.Root.ToString());
    }

    [Fact]
    public void Truncated_JSON_names_the_line_and_byte_and_says_it_looks_truncated()
    {
        var text = Minimal[..(Minimal.Length / 2)];
        using var result = ReadText(text, "cut.json");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith("cut.json: invalid JSON at line ", error.Message, StringComparison.Ordinal);
        Assert.Contains("truncated", error.Message, StringComparison.Ordinal);
        Assert.Null(result.Root);
    }

    [Fact]
    public void A_syntax_error_in_the_middle_names_its_line()
    {
        var lines = Minimal.Split('\n');
        var broken = Minimal.Replace("\"title\": \"Example PLC firmware advisory\",", "\"title\": \"Example\" \"oops\",", StringComparison.Ordinal);
        var line = Array.FindIndex(lines, l => l.Contains("\"title\": \"Example PLC", StringComparison.Ordinal)) + 1;
        using var result = ReadText(broken, "mid.json");
        var error = Assert.Single(result.Errors);
        Assert.Contains($"mid.json: invalid JSON at line {line}, byte ", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("truncated", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Deep_nesting_is_refused_while_parsing()
    {
        var deep = string.Concat("{\"document\":", new string('[', 200), new string(']', 200), "}");
        using var result = ReadText(deep, "deep.json");
        var error = Assert.Single(result.Errors);
        Assert.Contains("deep.json: invalid JSON at line 1", error.Message, StringComparison.Ordinal);
        Assert.Contains("deeper than 64", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Invalid_UTF8_names_the_line_and_offset()
    {
        var bytes = Encoding.UTF8.GetBytes(Minimal).ToList();
        var at = bytes.IndexOf((byte)'W'); // in "WHITE" on some line
        bytes[at] = 0xC3; // a lead byte followed by an ASCII letter: not UTF-8
        var line = Minimal[..at].Count(c => c == '\n') + 1;
        using var result = CsafReader.Read(bytes.ToArray(), "latin1.json");
        var error = Assert.Single(result.Errors);
        Assert.StartsWith($"latin1.json: invalid UTF-8 at line {line}, ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"(offset {at}, byte 0xC3)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Content_after_the_document_is_refused()
    {
        using var result = ReadText(Minimal + "\n{}", "two.json");
        Assert.Contains("two.json", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_UTF8_byte_order_mark_is_accepted()
    {
        using var result = CsafReader.Read([0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Minimal)], "bom.json");
        Assert.True(result.Succeeded);
    }

    [Fact]
    public void A_document_that_is_not_an_object_is_refused_at_the_root()
    {
        using var result = ReadText("[1]");
        var error = Assert.Single(result.Errors);
        Assert.Equal(string.Empty, error.JsonPath);
        Assert.Equal("expected an object, found an array", error.Message);
    }

    public static TheoryData<string> OasisExamples()
    {
        var data = new TheoryData<string>();
        var root = SharedCorpus.Path("csaf", "oasis-tcs-csaf", "csaf_2.0", "examples", "csaf");
        foreach (var file in Directory.GetFiles(root, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(root, file));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(OasisExamples))]
    public void The_OASIS_examples_read(string relative)
    {
        var path = SharedCorpus.Path("csaf", "oasis-tcs-csaf", "csaf_2.0", "examples", "csaf", relative);
        using var result = CsafReader.Read(File.ReadAllBytes(path), relative);
        Assert.True(result.Succeeded, CsafReader.Describe(result.Errors));
        Assert.NotEmpty(result.Document!.Document.Tracking.RevisionHistory);
    }

    private static void Set(JsonObject root, string path, JsonNode? value)
    {
        var (parent, last) = Navigate(root, path);
        if (int.TryParse(last, out var index))
        {
            parent.AsArray()[index] = value;
        }
        else
        {
            parent.AsObject()[last] = value;
        }
    }

    private static void Remove(JsonObject root, string path)
    {
        var (parent, last) = Navigate(root, path);
        parent.AsObject().Remove(last);
    }

    private static (JsonNode Parent, string Last) Navigate(JsonObject root, string path)
    {
        var parts = path.Split('.');
        JsonNode node = root;
        foreach (var part in parts[..^1])
        {
            node = int.TryParse(part, out var index) ? node.AsArray()[index]! : node.AsObject()[part]!;
        }

        return (node, parts[^1]);
    }
}
