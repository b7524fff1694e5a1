using System.Text.Json;
using Seam.Intelligence.Csaf.Validation;
using Seam.Testing.Corpus;
using Xunit.Abstractions;

namespace Seam.Core.Tests.Intelligence.Csaf.Validation;

/// <summary>
/// The 300 CISA advisories of the corpus (csaf/cisagov-CSAF). Real advisories may genuinely break a mandatory
/// test, so the test pins the (file, test) pairs that were each checked by hand to be real violations; anything
/// else — a new finding or a pinned one that disappears — fails the test.
/// </summary>
public sealed class RealAdvisoriesTests(ITestOutputHelper output)
{
    /// <summary>
    /// Hand-checked violations, as "file name: test id". Empty: none of the 300 fails a mandatory test. That was
    /// cross-checked outside the validator for the likeliest candidate: all 294 product_version names are free of
    /// range markers (CISA writes ranges as product_version_range). The 864 CVSS v3 objects agree with their vectors
    /// under the CVSS calculator, and the test below shows that the run can fail.
    /// </summary>
    private static readonly HashSet<string> Genuine = [];

    private static string Folder => SharedCorpus.Path("csaf", "cisagov-CSAF", "csaf_files");

    [Fact]
    public void Cisa_advisories_fail_only_the_tests_checked_by_hand()
    {
        var files = Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(300, files.Count);

        var found = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(file));
            foreach (var problem in CsafValidator.Validate(document.RootElement))
            {
                output.WriteLine($"{Path.GetFileName(file)}: {problem.TestId} at {problem.JsonPath}: {problem.Message}");
                found.Add($"{Path.GetFileName(file)}: {problem.TestId}");
            }
        }

        Assert.Equal(Genuine.Order(StringComparer.Ordinal), found);
    }

    /// <summary>Guards the test above against passing vacuously: the same advisories, one score bent, must fail.</summary>
    [Fact]
    public void A_real_advisory_with_a_bent_base_score_fails_6_1_9()
    {
        var file = Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).First();
        var advisory = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(file))!;
        var cvss = advisory["vulnerabilities"]![0]!["scores"]![0]!["cvss_v3"]!;
        cvss["baseScore"] = cvss["baseScore"]!.GetValue<double>() == 10 ? 9.9 : cvss["baseScore"]!.GetValue<double>() + 0.1;

        var problems = CsafFixture.Validate(advisory);

        Assert.Equal(["6.1.9 /vulnerabilities/0/scores/0/cvss_v3/baseScore"], problems.Select(p => $"{p.TestId} {p.JsonPath}"));
    }
}
