using System.Diagnostics;
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
    /// <summary>Hand-checked violations, as "file name: test id".</summary>
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
}
