using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Seam.Intelligence.Csaf.Validation;
using static Seam.Core.Tests.Intelligence.Csaf.Validation.CsafFixture;

namespace Seam.Core.Tests.Intelligence.Csaf.Validation;

public sealed class CsafValidatorTests
{
    private const string TwoProducts = """
        { "full_product_names": [ { "product_id": "A", "name": "A 1.0" }, { "product_id": "B", "name": "B 2.0" } ],
          "product_groups": [ { "group_id": "G", "product_ids": ["A", "B"] } ] }
        """;

    [Fact]
    public void The_skeleton_document_is_valid() => Assert.Empty(Validate(Document()));

    [Fact]
    public void A_root_that_is_not_an_object_is_refused()
    {
        using var array = JsonDocument.Parse("[]");
        var error = Assert.Throws<ArgumentException>(() => CsafValidator.Validate(array.RootElement));
        Assert.Contains("Array", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_undefined_product_in_a_nested_branch_status_is_reported_at_its_pointer()
    {
        var document = With(
            """
            { "branches": [ { "category": "vendor", "name": "V", "branches": [ { "category": "product_name", "name": "P",
              "branches": [ { "category": "product_version", "name": "1.0", "product": { "product_id": "P1", "name": "P 1.0" } } ] } ] } ] }
            """,
            """[ { "product_status": { "known_affected": ["P1", "P2"] } } ]""");

        var problem = Assert.Single(Validate(document));
        Assert.Equal(("6.1.1", "/vulnerabilities/0/product_status/known_affected/1"), (problem.TestId, problem.JsonPath));
        Assert.Contains("'P2'", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_product_defined_in_a_branch_and_again_in_full_product_names_names_both_places()
    {
        var document = With("""
            { "branches": [ { "category": "vendor", "name": "V", "product": { "product_id": "A", "name": "A" } } ],
              "full_product_names": [ { "product_id": "A", "name": "A again" } ] }
            """);

        var problem = Assert.Single(Validate(document, "6.1.2"));
        Assert.Equal("/product_tree/full_product_names/0/product_id", problem.JsonPath);
        Assert.Contains("/product_tree/branches/0/product/product_id", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Relationships_that_define_each_other_are_circular_and_a_chain_is_not()
    {
        var cycle = With("""
            { "full_product_names": [ { "product_id": "A", "name": "A" } ],
              "relationships": [
                { "category": "installed_on", "product_reference": "A", "relates_to_product_reference": "C",
                  "full_product_name": { "product_id": "B", "name": "A on C" } },
                { "category": "installed_on", "product_reference": "A", "relates_to_product_reference": "B",
                  "full_product_name": { "product_id": "C", "name": "A on B" } } ] }
            """);
        var chain = With("""
            { "full_product_names": [ { "product_id": "A", "name": "A" }, { "product_id": "D", "name": "D" } ],
              "relationships": [
                { "category": "installed_on", "product_reference": "A", "relates_to_product_reference": "D",
                  "full_product_name": { "product_id": "B", "name": "A on D" } },
                { "category": "installed_on", "product_reference": "B", "relates_to_product_reference": "D",
                  "full_product_name": { "product_id": "C", "name": "B on D" } } ] }
            """);

        Assert.Equal(
            ["/product_tree/relationships/0/full_product_name/product_id", "/product_tree/relationships/1/full_product_name/product_id"],
            Validate(cycle, "6.1.3").Select(p => p.JsonPath));
        Assert.Empty(Validate(chain));
    }

    [Fact]
    public void A_group_reference_in_a_flag_must_resolve()
    {
        var document = With(TwoProducts, """[ { "flags": [ { "label": "component_not_present", "group_ids": ["G", "H"] } ] } ]""");

        var problem = Assert.Single(Validate(document));
        Assert.Equal(("6.1.4", "/vulnerabilities/0/flags/0/group_ids/1"), (problem.TestId, problem.JsonPath));
    }

    [Theory]
    [InlineData("known_affected", "known_not_affected", true)]
    [InlineData("first_affected", "fixed", true)]
    [InlineData("first_fixed", "under_investigation", true)]
    [InlineData("known_affected", "last_affected", false)]
    [InlineData("fixed", "first_fixed", false)]
    [InlineData("known_affected", "recommended", false)]
    [InlineData("known_not_affected", "recommended", false)]
    public void Status_lists_contradict_only_across_groups(string first, string second, bool contradicts)
    {
        var document = With(TwoProducts, $$"""[ { "product_status": { "{{first}}": ["A"], "{{second}}": ["A", "B"] } } ]""");

        var problems = Validate(document, "6.1.6");

        Assert.Equal(contradicts ? ["/vulnerabilities/0/product_status/" + second + "/0"] : [], problems.Select(p => p.JsonPath));
    }

    [Fact]
    public void Two_scores_of_one_cvss_version_for_a_product_fail_but_v3_0_and_v3_1_do_not()
    {
        const string v30 = """{ "version": "3.0", "vectorString": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""";
        const string v31 = """{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""";
        var mixed = With(TwoProducts, $$"""[ { "scores": [ { "products": ["A"], "cvss_v3": {{v30}} }, { "products": ["A"], "cvss_v3": {{v31}} } ] } ]""");
        var twice = With(TwoProducts, $$"""[ { "scores": [ { "products": ["A", "B"], "cvss_v3": {{v31}} }, { "products": ["B"], "cvss_v3": {{v31}} } ] } ]""");

        Assert.Empty(Validate(mixed, "6.1.7"));
        Assert.Equal(["/vulnerabilities/0/scores/1/products/0"], Validate(twice, "6.1.7").Select(p => p.JsonPath));
    }

    [Theory]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8 }""", "/cvss_v3", "baseSeverity")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""", "/cvss_v3/vectorString", "vector")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 11, "baseSeverity": "CRITICAL" }""", "/cvss_v3/baseScore", "0 to 10")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "Critical" }""", "/cvss_v3/baseSeverity", "one of")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""", "/cvss_v3/vectorString", "3.1 vector")]
    public void A_cvss_object_that_breaks_the_first_schema_is_invalid(string cvss, string pointer, string expected)
    {
        var document = With(TwoProducts, $$"""[ { "scores": [ { "products": ["A"], "cvss_v3": {{cvss}} } ] } ]""");

        var problem = Assert.Single(Validate(document, "6.1.8"));
        Assert.Equal("/vulnerabilities/0/scores/0" + pointer, problem.JsonPath);
        Assert.Contains(expected, problem.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL", "temporalScore": 9.8, "temporalSeverity": "CRITICAL", "attackVector": "NETWORK", "exploitCodeMaturity": "NOT_DEFINED" }""", "")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.7, "baseSeverity": "CRITICAL" }""", "6.1.9 /baseScore")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:U", "baseScore": 9.8, "baseSeverity": "CRITICAL", "temporalScore": 9.8 }""", "6.1.9 /temporalScore")]
    [InlineData("""{ "version": "3.0", "vectorString": "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "HIGH" }""", "6.1.9 /baseSeverity")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL", "scope": "CHANGED" }""", "6.1.10 /scope")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "baseScore": 9.8, "baseSeverity": "CRITICAL", "exploitCodeMaturity": "HIGH" }""", "6.1.10 /exploitCodeMaturity")]
    [InlineData("""{ "version": "3.1", "vectorString": "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H", "baseScore": 9.8, "baseSeverity": "CRITICAL" }""", "6.1.8 /vectorString")]
    public void Cvss_scores_and_properties_must_follow_the_vector(string cvss, string expected)
    {
        var document = With(TwoProducts, $$"""[ { "scores": [ { "products": ["A"], "cvss_v3": {{cvss}} } ] } ]""");

        Assert.Equal(
            expected.Length == 0 ? [] : [expected],
            Validate(document).Select(p => $"{p.TestId} {p.JsonPath.Replace("/vulnerabilities/0/scores/0/cvss_v3", "", StringComparison.Ordinal)}"));
    }

    [Theory]
    [InlineData("""{ "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C", "baseScore": 10.0, "accessVector": "NETWORK" }""", "")]
    [InlineData("""{ "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:U/RL:OF/RC:UC", "baseScore": 10.0, "temporalScore": 10.0 }""", "6.1.9 /temporalScore")]
    [InlineData("""{ "version": "2.0", "vectorString": "AV:N/AC:L/Au:N/C:C/I:C/A:C", "baseScore": 10.0, "authentication": "SINGLE" }""", "6.1.10 /authentication")]
    public void Cvss_v2_scores_and_properties_must_follow_the_vector(string cvss, string expected)
    {
        var document = With(TwoProducts, $$"""[ { "scores": [ { "products": ["A"], "cvss_v2": {{cvss}} } ] } ]""");

        Assert.Equal(
            expected.Length == 0 ? [] : [expected],
            Validate(document).Select(p => $"{p.TestId} {p.JsonPath.Replace("/vulnerabilities/0/scores/0/cvss_v2", "", StringComparison.Ordinal)}"));
    }

    [Theory]
    [InlineData("CWE-79", "Improper Neutralization of Input During Web Page Generation ('Cross-site Scripting')", null)]
    [InlineData("CWE-079", "Leading zero", "/vulnerabilities/0/cwe/id")]
    [InlineData("cwe-79", "Lower case", "/vulnerabilities/0/cwe/id")]
    [InlineData("CWE-79", " ", "/vulnerabilities/0/cwe/name")]
    public void A_cwe_needs_a_well_formed_id_and_a_name(string id, string name, string? pointer)
    {
        var document = Document();
        document["vulnerabilities"] = new JsonArray(new JsonObject { ["cwe"] = new JsonObject { ["id"] = id, ["name"] = name } });

        Assert.Equal(pointer is null ? [] : [pointer], Validate(document, "6.1.11").Select(p => p.JsonPath));
    }

    [Fact]
    public void The_same_cve_in_two_vulnerabilities_points_at_the_second()
    {
        var document = Document();
        document["vulnerabilities"] = JsonNode.Parse("""[ { "cve": "CVE-2024-0001" }, { "cve": "CVE-2024-0002" }, { "cve": "CVE-2024-0001" } ]""");

        var problem = Assert.Single(Validate(document));
        Assert.Equal(("6.1.23", "/vulnerabilities/2/cve"), (problem.TestId, problem.JsonPath));
        Assert.Contains("/vulnerabilities/0", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void One_party_twice_at_the_same_instant_in_different_notations_is_a_duplicate()
    {
        var document = Document();
        document["vulnerabilities"] = JsonNode.Parse("""
            [ { "involvements": [ { "party": "vendor", "status": "open", "date": "2024-01-01T12:00:00Z" },
                                  { "party": "vendor", "status": "completed", "date": "2024-01-01T13:00:00+01:00" },
                                  { "party": "vendor", "status": "completed", "date": "2024-01-02T12:00:00Z" },
                                  { "party": "discoverer", "status": "open", "date": "2024-01-01T12:00:00Z" } ] } ]
            """);

        Assert.Equal(["/vulnerabilities/0/involvements/1"], Validate(document, "6.1.24").Select(p => p.JsonPath));
    }

    [Fact]
    public void A_hash_algorithm_twice_for_one_file_fails_but_once_per_file_does_not()
    {
        var document = With("""
            { "full_product_names": [ { "product_id": "A", "name": "A", "product_identification_helper": { "hashes": [
                { "filename": "a.bin", "file_hashes": [ { "algorithm": "sha256", "value": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" },
                                                        { "algorithm": "SHA256", "value": "ffeeddccbbaa99887766554433221100ffeeddccbbaa99887766554433221100" } ] },
                { "filename": "b.bin", "file_hashes": [ { "algorithm": "sha256", "value": "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff" } ] } ] } } ] }
            """);

        Assert.Equal(
            ["/product_tree/full_product_names/0/product_identification_helper/hashes/0/file_hashes/1/algorithm"],
            Validate(document, "6.1.25").Select(p => p.JsonPath));
    }

    [Theory]
    [InlineData("csaf_base", false)]
    [InlineData("csaf_vex", false)]
    [InlineData("Example Company Security Notice", false)]
    [InlineData("Security-Advisory", true)]
    [InlineData("V_eX", true)]
    [InlineData("informational advisory", true)]
    [InlineData("CSAF_Base", true)]
    [InlineData("csaf_custom", true)]
    public void Base_documents_may_not_borrow_a_profile_name(string category, bool prohibited)
    {
        var document = Document();
        document["document"]!["category"] = category;

        Assert.Equal(prohibited ? 1 : 0, Validate(document, "6.1.26").Count);
    }

    [Fact]
    public void An_informational_advisory_needs_a_descriptive_note_an_external_reference_and_no_vulnerabilities()
    {
        var document = Document("csaf_informational_advisory");
        document["document"]!["notes"] = JsonNode.Parse("""[ { "category": "legal_disclaimer", "text": "As is." } ]""");
        document["document"]!["references"] = JsonNode.Parse("""[ { "category": "self", "summary": "This", "url": "https://example.com/a.json" } ]""");
        document["vulnerabilities"] = JsonNode.Parse("""[ { "title": "Not here" } ]""");

        Assert.Equal(["6.1.27.1", "6.1.27.2", "6.1.27.3"], Validate(document).Select(p => p.TestId));

        document["document"]!["notes"]!.AsArray().Add(new JsonObject { ["category"] = "summary", ["text"] = "About." });
        document["document"]!["references"]!.AsArray().Add(new JsonObject { ["summary"] = "Elsewhere", ["url"] = "https://example.org" });
        document.Remove("vulnerabilities");
        Assert.Empty(Validate(document));
    }

    [Fact]
    public void A_vex_document_needs_impact_and_action_statements_per_product_through_groups_too()
    {
        var document = With(
            """
            { "full_product_names": [ { "product_id": "A", "name": "A" }, { "product_id": "B", "name": "B" }, { "product_id": "C", "name": "C" } ],
              "product_groups": [ { "group_id": "G", "product_ids": ["A", "B"] } ] }
            """,
            """
            [ { "cve": "CVE-2024-0001", "notes": [ { "category": "description", "text": "Bug." } ],
                "product_status": { "known_not_affected": ["A", "B", "C"], "known_affected": ["A", "C"] },
                "threats": [ { "category": "impact", "details": "Code not present.", "group_ids": ["G"] },
                             { "category": "exploit_status", "details": "None known.", "product_ids": ["C"] } ],
                "remediations": [ { "category": "no_fix_planned", "details": "EOL.", "group_ids": ["G"] } ] } ]
            """,
            "csaf_vex");

        Assert.Equal(
            [
                "6.1.27.10 /vulnerabilities/0/product_status/known_affected/1",
                "6.1.27.9 /vulnerabilities/0/product_status/known_not_affected/2",
                "6.1.6 /vulnerabilities/0/product_status/known_not_affected/0",
                "6.1.6 /vulnerabilities/0/product_status/known_not_affected/2",
            ],
            Summary(document));
    }

    [Fact]
    public void A_vex_vulnerability_without_id_notes_or_vex_status_fails_each_profile_test()
    {
        var document = With(TwoProducts, """[ { "product_status": { "recommended": ["A"] } } ]""", "csaf_vex");

        Assert.Equal(
            [
                "6.1.27.5 /vulnerabilities/0/notes",
                "6.1.27.7 /vulnerabilities/0/product_status",
                "6.1.27.8 /vulnerabilities/0/cve",
            ],
            Summary(document));
    }

    [Fact]
    public void A_product_with_two_vex_justifications_through_a_group_fails_once_per_extra_flag()
    {
        var document = With(TwoProducts, """
            [ { "flags": [ { "label": "component_not_present", "group_ids": ["G"] },
                           { "label": "vulnerable_code_not_present", "product_ids": ["A"] },
                           { "label": "vulnerable_code_not_in_execute_path", "product_ids": ["A", "B"] } ] } ]
            """);

        Assert.Equal(
            ["/vulnerabilities/0/flags/1", "/vulnerabilities/0/flags/2", "/vulnerabilities/0/flags/2"],
            Validate(document, "6.1.33").Select(p => p.JsonPath));
    }

    [Fact]
    public void Remediations_and_flags_without_products_fail()
    {
        var document = With(TwoProducts, """
            [ { "remediations": [ { "category": "workaround", "details": "Block port 502." } ],
                "flags": [ { "label": "component_not_present" } ] } ]
            """);

        Assert.Equal(["6.1.29 /vulnerabilities/0/remediations/0", "6.1.32 /vulnerabilities/0/flags/0"], Summary(document));
    }

    [Theory]
    [InlineData("V3.0.29", false)]
    [InlineData("after-eight", false)]
    [InlineData("4.2 Update 3", false)]
    [InlineData("<V3.0.29", true)]
    [InlineData("All versions", true)]
    [InlineData("8.0.0 and later", true)]
    [InlineData("3.x VERSIONS", true)]
    public void Product_version_names_may_not_be_ranges(string name, bool range)
    {
        var document = With($$"""
            { "branches": [ { "category": "product_name", "name": "P", "branches": [
                { "category": "product_version", "name": "{{name}}", "product": { "product_id": "A", "name": "P {{name}}" } },
                { "category": "product_version_range", "name": "<=2", "product": { "product_id": "B", "name": "P <=2" } } ] } ] }
            """);

        Assert.Equal(range ? ["/product_tree/branches/0/branches/0/name"] : [], Validate(document, "6.1.31").Select(p => p.JsonPath));
    }

    [Fact]
    public void Translations_need_a_different_source_language_and_translators_need_one_at_all()
    {
        var translated = Document();
        translated["document"]!["publisher"]!["category"] = "translator";
        Assert.Equal(["6.1.15"], Validate(translated).Select(p => p.TestId));

        translated["document"]!["source_lang"] = "EN";
        Assert.Equal(["6.1.28"], Validate(translated).Select(p => p.TestId));

        translated["document"]!["lang"] = "de";
        Assert.Empty(Validate(translated));
    }

    /// <summary>
    /// A long chain of relationships (each product installed on the previous one) is where a naive resolver goes
    /// quadratic. Tests do not time code, so the check is on work done: the validator's allocations for four times the
    /// products stay near four times as many (a quadratic resolver would need about sixteen).
    /// </summary>
    [Fact]
    public void A_large_product_tree_with_a_long_relationship_chain_is_validated_in_linear_work()
    {
        var (small, smallBytes) = ValidateChain(5_000);
        var (large, largeBytes) = ValidateChain(20_000);

        Assert.Equal(5_000, small.Count(p => p.TestId == "6.1.6"));
        Assert.Equal(5_000, small.Count);
        Assert.Equal(20_000, large.Count(p => p.TestId == "6.1.6"));
        Assert.Equal(20_000, large.Count);
        var ratio = (double)largeBytes / smallBytes;
        Assert.True(ratio < 8, $"4× the products allocated {ratio:0.0}× the memory ({smallBytes:N0} → {largeBytes:N0} bytes)");
    }

    private static (IReadOnlyList<CsafProblem> Problems, long Allocated) ValidateChain(int products)
    {
        var tree = new StringBuilder("""{ "full_product_names": [""");
        var status = new StringBuilder();
        var relationships = new StringBuilder();
        for (var i = 0; i < products; i++)
        {
            tree.Append(i == 0 ? "" : ",").Append($$"""{ "product_id": "P{{i}}", "name": "Product {{i}}" }""");
            status.Append(i == 0 ? "" : ",").Append($"\"P{i}\"");
            relationships.Append(i == 0 ? "" : ",").Append($$"""
                { "category": "installed_on", "product_reference": "{{(i == 0 ? "P0" : $"R{i - 1}")}}", "relates_to_product_reference": "P{{i}}",
                  "full_product_name": { "product_id": "R{{i}}", "name": "Chain {{i}}" } }
                """);
        }

        tree.Append($"], \"relationships\": [{relationships}] }}");
        var document = With(tree.ToString(), $$"""[ { "product_status": { "known_affected": [{{status}}], "fixed": [{{status}}] } } ]""");
        using var parsed = JsonDocument.Parse(document.ToJsonString());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var problems = CsafValidator.Validate(parsed.RootElement);
        return (problems, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    /// <summary>"test-id pointer" of every problem, in ordinal order.</summary>
    private static List<string> Summary(JsonNode document) =>
        [.. Validate(document).Select(p => $"{p.TestId} {p.JsonPath}").Order(StringComparer.Ordinal)];
}
