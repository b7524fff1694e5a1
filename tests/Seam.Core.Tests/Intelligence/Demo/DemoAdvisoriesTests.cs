using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Seam.Intelligence.Cvss;
using Seam.Intelligence.Demo;

namespace Seam.Core.Tests.Intelligence.Demo;

/// <summary>
/// The demo advisories hold to CSAF 2.0: the mandatory tests of §6.1 that concern what we wrote (product and group ids,
/// contradicting status, CVSS, revision history, the profile tests) and the marks that make them plainly fictional.
/// </summary>
public sealed partial class DemoAdvisoriesTests
{
    public static TheoryData<string> Names => [.. DemoAdvisories.All().Select(a => a.Name)];

    [Fact]
    public void Ships_six_advisories_one_of_them_in_two_revisions_in_publication_order()
    {
        var names = DemoAdvisories.All().Select(a => a.Name).ToArray();

        Assert.Equal(7, names.Length);
        Assert.Equal(6, DemoAdvisoryDocument.All.Select(d => DemoAdvisoryDocument.Text(d.Document["tracking"], "id")).Distinct().Count());
        Assert.True(Array.IndexOf(names, "seam-demo-2026-001.json") < Array.IndexOf(names, "seam-demo-2026-001-r2.json"));
        var released = DemoAdvisoryDocument.All.Select(d => DateTimeOffset.Parse(
            DemoAdvisoryDocument.Text(d.Document["tracking"], "current_release_date"), CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(released.Order(), released);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void File_name_is_the_tracking_id_as_CSAF_names_files_with_a_revision_suffix_after_the_first(string name)
    {
        var tracking = DemoAdvisoryDocument.Named(name).Document["tracking"]!;
        var expected = NotFileNameCharacters().Replace(DemoAdvisoryDocument.Text(tracking, "id").ToLowerInvariant(), "_");
        var version = DemoAdvisoryDocument.Text(tracking, "version");

        Assert.Equal(version == "1" ? $"{expected}.json" : $"{expected}-r{version}.json", name);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Says_plainly_that_it_is_synthetic_demo_data(string name)
    {
        var document = DemoAdvisoryDocument.Named(name).Document;

        Assert.Equal("Seam demo data", DemoAdvisoryDocument.Text(document["publisher"], "name"));
        Assert.Equal("https://demo.seam.example", DemoAdvisoryDocument.Text(document["publisher"], "namespace"));
        Assert.Matches(@"^SEAM-DEMO-2026-\d{3}$", DemoAdvisoryDocument.Text(document["tracking"], "id"));
        Assert.StartsWith("SEAM DEMO (synthetic): ", DemoAdvisoryDocument.Text(document, "title"), StringComparison.Ordinal);
        Assert.Contains(DemoAdvisoryDocument.Items(document["notes"]), n =>
            DemoAdvisoryDocument.Text(n.Node, "category") == "legal_disclaimer"
            && DemoAdvisoryDocument.Text(n.Node, "text").Contains("synthetic demo data", StringComparison.Ordinal)
            && DemoAdvisoryDocument.Text(n.Node, "text").Contains("fictional", StringComparison.Ordinal));
        Assert.Equal("WHITE", DemoAdvisoryDocument.Text(document["distribution"]?["tlp"], "label"));
        Assert.Equal("final", DemoAdvisoryDocument.Text(document["tracking"], "status"));
        Assert.Equal("2.0", DemoAdvisoryDocument.Text(document, "csaf_version"));
    }

    [Fact]
    public void CVE_ids_come_from_the_demo_range_and_each_names_one_vulnerability()
    {
        var byId = DemoAdvisoryDocument.All
            .SelectMany(d => DemoAdvisoryDocument.Items(d.Vulnerabilities).Select(v => (Tracking: DemoAdvisoryDocument.Text(d.Document["tracking"], "id"), Cve: DemoAdvisoryDocument.Text(v.Node, "cve"))))
            .GroupBy(v => v.Cve)
            .ToArray();

        Assert.All(byId, g => Assert.Matches(@"^CVE-2026-9900\d$", g.Key));
        Assert.All(byId, g => Assert.Single(g.Select(v => v.Tracking).Distinct()));
        Assert.Equal(7, byId.Length);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_product_id_is_defined_once_and_every_reference_resolves(string name)
    {
        var advisory = DemoAdvisoryDocument.Named(name);
        var duplicates = advisory.Definitions.GroupBy(d => d.ProductId).Where(g => g.Count() > 1).Select(g => g.Key);
        var defined = advisory.Definitions.Select(d => d.ProductId).ToHashSet(StringComparer.Ordinal);
        var dangling = advisory.ProductReferences.Where(r => !defined.Contains(r.ProductId)).Select(r => $"{r.Path} = {r.ProductId}");
        var unused = defined.Where(id => !advisory.ProductReferences.Any(r => r.ProductId == id));

        Assert.Empty(duplicates);
        Assert.Empty(dangling);
        Assert.Empty(unused);
        Assert.NotEmpty(advisory.ProductReferences);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_group_id_is_defined_once_and_every_reference_resolves(string name)
    {
        var advisory = DemoAdvisoryDocument.Named(name);
        var defined = advisory.GroupDefinitions.Select(g => g.GroupId).ToArray();

        Assert.Equal(defined.Distinct().Count(), defined.Length);
        Assert.All(advisory.GroupDefinitions, g => Assert.True(g.ProductIds.Length >= 2 && g.ProductIds.Distinct().Count() == g.ProductIds.Length, g.GroupId));
        Assert.All(advisory.GroupReferences, r => Assert.Contains(r.GroupId, defined));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void No_product_is_in_two_contradicting_status_groups(string name)
    {
        var advisory = DemoAdvisoryDocument.Named(name);
        string[][] contradictionGroups =
            [["first_affected", "known_affected", "last_affected"], ["known_not_affected"], ["first_fixed", "fixed"], ["under_investigation"]];

        foreach (var (vulnerability, _) in DemoAdvisoryDocument.Items(advisory.Vulnerabilities))
        {
            var seen = new Dictionary<string, int>(StringComparer.Ordinal);
            for (var g = 0; g < contradictionGroups.Length; g++)
            {
                foreach (var id in contradictionGroups[g].SelectMany(list => advisory.Status(vulnerability, list)).Distinct())
                {
                    Assert.False(seen.TryGetValue(id, out var other) && other != g, $"{id} in '{string.Join('/', contradictionGroups[g])}' and '{string.Join('/', contradictionGroups[seen.GetValueOrDefault(id)])}'");
                    seen[id] = g;
                }
            }
        }
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Every_CVSS_base_score_and_severity_is_what_the_vector_computes(string name)
    {
        var advisory = DemoAdvisoryDocument.Named(name);
        var scored = 0;
        foreach (var (vulnerability, v) in DemoAdvisoryDocument.Items(advisory.Vulnerabilities))
        {
            var perProduct = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (score, s) in DemoAdvisoryDocument.Items(vulnerability["scores"]))
            {
                var cvss = score["cvss_v3"]!;
                var where = $"{name} /vulnerabilities/{v}/scores/{s}/cvss_v3";
                var vector = CvssV3Vector.Parse(DemoAdvisoryDocument.Text(cvss, "vectorString"));

                Assert.Equal("3.1", DemoAdvisoryDocument.Text(cvss, "version"));
                Assert.StartsWith("CVSS:3.1/", DemoAdvisoryDocument.Text(cvss, "vectorString"), StringComparison.Ordinal);
                Assert.True(vector.BaseScore == cvss["baseScore"]!.GetValue<double>(), $"{where}: baseScore {cvss["baseScore"]}, the vector computes {vector.BaseScore}");
                Assert.Equal(vector.BaseSeverity.ToString().ToUpperInvariant(), DemoAdvisoryDocument.Text(cvss, "baseSeverity"));
                Assert.All(DemoAdvisoryDocument.Items(score["products"]), p => Assert.True(perProduct.Add(p.Node.GetValue<string>()), $"{where}: two v3 scores for {p.Node}"));
                scored++;
            }

            // Scores belong to the products that have the vulnerability (test 6.2.19 warns about scores on fixed products).
            Assert.Equal(advisory.Status(vulnerability, "known_affected").Order(), perProduct.Order());
        }

        Assert.True(scored > 0, $"{name} has no score");
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Revision_history_counts_up_from_one_to_the_tracking_version(string name)
    {
        var tracking = DemoAdvisoryDocument.Named(name).Document["tracking"]!;
        var history = DemoAdvisoryDocument.Items(tracking["revision_history"]).Select(h => h.Node).ToArray();
        var numbers = history.Select(h => int.Parse(DemoAdvisoryDocument.Text(h, "number"), CultureInfo.InvariantCulture)).ToArray();
        var dates = history.Select(h => DemoAdvisoryDocument.Text(h, "date")).ToArray();

        Assert.Equal(Enumerable.Range(1, numbers.Length), numbers);
        Assert.Equal(DemoAdvisoryDocument.Text(tracking, "version"), numbers[^1].ToString(CultureInfo.InvariantCulture));
        Assert.Equal(DemoAdvisoryDocument.Text(tracking, "initial_release_date"), dates[0]);
        Assert.Equal(DemoAdvisoryDocument.Text(tracking, "current_release_date"), dates[^1]);
        Assert.Equal(dates.Order(StringComparer.Ordinal), dates);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Meets_the_profile_tests_of_its_category(string name)
    {
        var advisory = DemoAdvisoryDocument.Named(name);
        var category = DemoAdvisoryDocument.Text(advisory.Document, "category");
        Assert.Contains(category, new[] { "csaf_security_advisory", "csaf_vex" });
        Assert.NotNull(advisory.Root["product_tree"]);
        Assert.NotEmpty(advisory.Vulnerabilities);
        Assert.Contains(DemoAdvisoryDocument.Items(advisory.Document["references"]), r => DemoAdvisoryDocument.Text(r.Node, "category") == "self");

        foreach (var (vulnerability, v) in DemoAdvisoryDocument.Items(advisory.Vulnerabilities))
        {
            var where = $"{name} /vulnerabilities/{v}";
            var affected = advisory.Status(vulnerability, "known_affected");
            var notAffected = advisory.Status(vulnerability, "known_not_affected");
            var remediated = DemoAdvisoryDocument.Items(vulnerability["remediations"]).SelectMany(r => advisory.AppliesTo(r.Node)).ToHashSet();
            var flagged = DemoAdvisoryDocument.Items(vulnerability["flags"]).SelectMany(f => advisory.AppliesTo(f.Node)).ToArray();
            var impactStated = DemoAdvisoryDocument.Items(vulnerability["threats"])
                .Where(t => DemoAdvisoryDocument.Text(t.Node, "category") == "impact").SelectMany(t => advisory.AppliesTo(t.Node));
            var exploitStated = DemoAdvisoryDocument.Items(vulnerability["threats"])
                .Where(t => DemoAdvisoryDocument.Text(t.Node, "category") == "exploit_status").SelectMany(t => advisory.AppliesTo(t.Node));

            Assert.NotNull(vulnerability["product_status"]);
            Assert.NotEmpty(DemoAdvisoryDocument.Items(vulnerability["notes"]));
            Assert.Matches(@"^CWE-[1-9]\d{0,5}$", DemoAdvisoryDocument.Text(vulnerability["cwe"], "id"));
            Assert.All(affected, id => Assert.True(remediated.Contains(id), $"{where}: affected {id} has no remediation"));
            Assert.All(affected, id => Assert.Contains(id, exploitStated));
            Assert.All(notAffected, id => Assert.True(flagged.Contains(id) || impactStated.Contains(id), $"{where}: not affected {id} has no impact statement"));
            Assert.Equal(flagged.Distinct().Count(), flagged.Length);
        }
    }

    [Fact]
    public void Remediations_cover_every_category_the_demo_needs()
    {
        var categories = DemoAdvisoryDocument.All
            .SelectMany(d => DemoAdvisoryDocument.Items(d.Vulnerabilities))
            .SelectMany(v => DemoAdvisoryDocument.Items(v.Node["remediations"]))
            .ToArray();

        Assert.Superset(
            new HashSet<string> { "vendor_fix", "mitigation", "workaround", "no_fix_planned", "none_available" },
            categories.Select(r => DemoAdvisoryDocument.Text(r.Node, "category")).ToHashSet());
        Assert.All(categories.Where(r => DemoAdvisoryDocument.Text(r.Node, "category") == "vendor_fix"),
            r => Assert.StartsWith("https://demo.seam.example/", DemoAdvisoryDocument.Text(r.Node, "url"), StringComparison.Ordinal));
    }

    [Fact]
    public void One_document_is_a_VEX_document()
    {
        var vex = Assert.Single(DemoAdvisoryDocument.All, d => DemoAdvisoryDocument.Text(d.Document, "category") == "csaf_vex");
        var vulnerability = Assert.Single(vex.Vulnerabilities)!;

        Assert.NotEmpty(vex.Status(vulnerability, "known_not_affected"));
        Assert.NotEmpty(DemoAdvisoryDocument.Items(vulnerability["flags"]));
    }

    [Fact]
    public void Revision_2_of_001_moves_units_on_V2_9_7_from_affected_to_fixed()
    {
        var first = DemoAdvisoryDocument.Named("seam-demo-2026-001.json");
        var second = DemoAdvisoryDocument.Named("seam-demo-2026-001-r2.json");

        Assert.Equal(DemoAdvisoryDocument.Text(first.Document["tracking"], "id"), DemoAdvisoryDocument.Text(second.Document["tracking"], "id"));
        Assert.Equal(("1", 1), (DemoAdvisoryDocument.Text(first.Document["tracking"], "version"), first.Document["tracking"]!["revision_history"]!.AsArray().Count));
        Assert.Equal(("2", 2), (DemoAdvisoryDocument.Text(second.Document["tracking"], "version"), second.Document["tracking"]!["revision_history"]!.AsArray().Count));
        Assert.All(AffectedRanges(first), range => Assert.Equal("<V3.0.3", range));
        Assert.All(AffectedRanges(second), range => Assert.Equal("<V2.9.7", range));
        Assert.Equal(AffectedRanges(first).Count, AffectedRanges(second).Count);

        static List<string> AffectedRanges(DemoAdvisoryDocument advisory) =>
            [.. advisory.Status(advisory.Vulnerabilities[0]!, "known_affected").Select(id => advisory.Product(id).Range!)];
    }

    [Fact]
    public void The_files_are_stored_as_CSAF_tools_write_them_keys_sorted()
    {
        // Test 6.2.13 (sorting) warns otherwise, and sorted keys keep revision diffs small.
        foreach (var (name, content) in DemoAdvisories.All())
        {
            Assert.Empty(Unsorted(JsonNode.Parse(content)!, name));
        }

        static IEnumerable<string> Unsorted(JsonNode node, string path) => node switch
        {
            JsonObject o => o.Select(p => p.Key).Zip(o.Select(p => p.Key).Order(StringComparer.Ordinal)).Any(k => k.First != k.Second)
                ? [path]
                : o.SelectMany(p => p.Value is null ? [] : Unsorted(p.Value, $"{path}/{p.Key}")),
            JsonArray a => a.SelectMany((item, i) => item is null ? [] : Unsorted(item, $"{path}/{i}")),
            _ => [],
        };
    }

    [Fact]
    public void Every_advisory_is_strict_JSON()
    {
        // No comments, no trailing commas: what every CSAF consumer accepts, not only a lenient one.
        var strict = new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Disallow, AllowTrailingCommas = false };
        foreach (var (name, content) in DemoAdvisories.All())
        {
            var error = Record.Exception(() => JsonDocument.Parse(content, strict).Dispose());
            Assert.True(error is null, $"{name}: {error?.Message}");
        }
    }

    [GeneratedRegex("[^+\\-a-z0-9]+")]
    private static partial Regex NotFileNameCharacters();
}
