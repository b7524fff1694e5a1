using System.Text.Json;
using Seam.Intelligence.Versions;
using Seam.Testing.Corpus;
using Xunit.Abstractions;

namespace Seam.Core.Tests.Intelligence.Versions;

/// <summary>
/// Every <c>product_version_range</c> and <c>product_version</c> branch name of the 300 real CISA advisories in the
/// corpus either parses or says specifically why it cannot be evaluated.
/// </summary>
public class CsafRangeCorpusTests(ITestOutputHelper output)
{
    private static readonly Lazy<(List<string> Ranges, List<string> Versions)> Harvest = new(Collect);

    [Fact]
    public void Every_real_product_version_range_parses_or_gives_a_specific_reason()
    {
        var ranges = Harvest.Value.Ranges.Distinct(StringComparer.Ordinal).ToList();
        Assert.True(ranges.Count > 300, $"expected the corpus to hold more than 300 distinct ranges, found {ranges.Count}");

        var parsed = 0;
        var reasons = new List<string>();
        foreach (var range in ranges)
        {
            var result = VersionRange.Parse(range);
            if (result.Success)
            {
                parsed++;
                Assert.Null(result.Reason);
            }
            else
            {
                Assert.False(string.IsNullOrWhiteSpace(result.Reason));
                Assert.StartsWith("cannot evaluate", result.Reason, StringComparison.Ordinal);
                reasons.Add($"{range,-60} → {result.Reason}");
            }
        }

        var share = (double)parsed / ranges.Count;
        output.WriteLine($"{ranges.Count} distinct ranges ({Harvest.Value.Ranges.Count} occurrences): " +
                         $"{parsed} parsed ({share:P1}), {reasons.Count} with a reason");
        foreach (var group in reasons.GroupBy(Category).OrderByDescending(g => g.Count()))
        {
            output.WriteLine($"  {group.Count(),4}  {group.Key}");
        }

        output.WriteLine("Not evaluable:");
        reasons.ForEach(output.WriteLine);
        Assert.True(share >= 0.85, $"only {share:P1} of the real ranges parse");
    }

    [Fact]
    public void Every_real_product_version_name_reads_as_a_version_or_gives_a_reason()
    {
        var names = Harvest.Value.Versions.Distinct(StringComparer.Ordinal).ToList();
        var versions = 0;
        var ranges = 0;
        foreach (var name in names)
        {
            if (VendorVersion.TryParse(name, out _, out var reason))
            {
                versions++;
                continue;
            }

            Assert.False(string.IsNullOrWhiteSpace(reason));
            if (VersionRange.Parse(name).Success)
            {
                ranges++;
            }
            else
            {
                output.WriteLine($"{name,-50} → {reason}");
            }
        }

        output.WriteLine($"{names.Count} distinct product_version names: {versions} versions, {ranges} patterns or lists, " +
                         $"{names.Count - versions - ranges} not versions");

        // Many branch names in these advisories are model names or protocols (DHCP, S7-1211), not versions.
        Assert.True(versions + ranges >= names.Count / 2, "at least half of the product_version names read as versions");
    }

    private static string Category(string line)
    {
        var reason = line[(line.IndexOf('→', StringComparison.Ordinal) + 2)..];
        return reason switch
        {
            _ when reason.Contains("does not start with a version number", StringComparison.Ordinal) => "free text or a model name where a version should be",
            _ when reason.Contains("is a date", StringComparison.Ordinal) => "a release date instead of a version",
            _ when reason.Contains("serial numbers", StringComparison.Ordinal) => "serial numbers instead of versions",
            _ when reason.Contains("cannot be ordered", StringComparison.Ordinal) => "versions of different numbering schemes",
            _ when reason.Contains("bounds", StringComparison.Ordinal) || reason.Contains("covered", StringComparison.Ordinal) => "bounds without a single meaning",
            _ => "other",
        };
    }

    private static (List<string> Ranges, List<string> Versions) Collect()
    {
        var ranges = new List<string>();
        var versions = new List<string>();
        var root = SharedCorpus.Path("csaf", "cisagov-CSAF", "csaf_files");
        var files = Directory.GetFiles(root, "*.json", SearchOption.AllDirectories);
        Assert.Equal(300, files.Length);
        foreach (var file in files)
        {
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            if (doc.RootElement.TryGetProperty("product_tree", out var tree) && tree.TryGetProperty("branches", out var branches))
            {
                Walk(branches);
            }
        }

        return (ranges, versions);

        void Walk(JsonElement branches)
        {
            foreach (var branch in branches.EnumerateArray())
            {
                var category = branch.GetProperty("category").GetString();
                var name = branch.GetProperty("name").GetString()!;
                if (category == "product_version_range")
                {
                    ranges.Add(name);
                }
                else if (category == "product_version")
                {
                    versions.Add(name);
                }

                if (branch.TryGetProperty("branches", out var children))
                {
                    Walk(children);
                }
            }
        }
    }
}
