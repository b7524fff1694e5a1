using System.Text.Json;
using Seam.Intelligence.Csaf;
using Seam.Testing.Corpus;
using Xunit.Abstractions;

namespace Seam.Core.Tests.Intelligence.Csaf;

/// <summary>
/// The reader against real advisories: the 300 CISA documents and the OASIS examples. Counts are checked against
/// a separate walk of the raw JSON written here, not against the reader's own model.
/// </summary>
public class CsafCorpusTests(ITestOutputHelper output)
{
    private static string CisaRoot => SharedCorpus.Path("csaf", "cisagov-CSAF", "csaf_files");

    private static string[] CisaFiles()
    {
        var files = Directory.GetFiles(CisaRoot, "*.json", SearchOption.AllDirectories);
        Array.Sort(files, StringComparer.Ordinal);
        return files;
    }

    [Fact]
    public void Every_CISA_advisory_reads_and_its_counts_match_an_independent_walk_of_the_JSON()
    {
        var files = CisaFiles();
        Assert.Equal(300, files.Length);
        var failures = new List<string>();
        var totals = (Vulnerabilities: 0, Products: 0, Remediations: 0, Scores: 0);
        foreach (var file in files)
        {
            var bytes = File.ReadAllBytes(file);
            var name = Path.GetRelativePath(CisaRoot, file);
            using var result = CsafReader.Read(bytes, name);
            if (!result.Succeeded)
            {
                failures.Add($"{name}:\n{CsafReader.Describe(result.Errors)}");
                continue;
            }

            var document = result.Document!;
            var expected = RawCounts.Of(bytes);
            Assert.True(expected.Vulnerabilities == document.Vulnerabilities.Count, $"{name}: vulnerabilities");
            Assert.True(expected.ProductIds.SetEquals(document.DefinedProductIds), $"{name}: defined product ids");
            Assert.True(expected.ProductIds.Count == document.DefinedProductIds.Count, $"{name}: defined product ids count");
            Assert.True(expected.Remediations == document.RemediationCount, $"{name}: remediations");
            Assert.True(expected.Scores == document.ScoreCount, $"{name}: scores");

            var products = CsafProducts.Describe(document);
            Assert.True(expected.ProductIds.SetEquals(products.Keys), $"{name}: described products");
            using (var raw = JsonDocument.Parse(bytes))
            {
                foreach (var (id, product) in products)
                {
                    var definition = Resolve(raw.RootElement, product.DefinedAt);
                    Assert.Equal(id, definition.GetProperty("product_id").GetString());
                    Assert.Equal(product.Name, definition.GetProperty("name").GetString());
                }
            }

            totals.Vulnerabilities += expected.Vulnerabilities;
            totals.Products += expected.ProductIds.Count;
            totals.Remediations += expected.Remediations;
            totals.Scores += expected.Scores;
        }

        output.WriteLine($"{files.Length - failures.Count} read; totals {totals}");
        foreach (var failure in failures)
        {
            output.WriteLine(failure);
        }

        Assert.Empty(failures);
    }

    /// <summary>Follows an RFC 6901 pointer (no escapes occur in CSAF product paths).</summary>
    private static JsonElement Resolve(JsonElement root, string pointer)
    {
        var element = root;
        foreach (var part in pointer.Split('/')[1..])
        {
            element = element.ValueKind == JsonValueKind.Array ? element[int.Parse(part, System.Globalization.CultureInfo.InvariantCulture)] : element.GetProperty(part);
        }

        return element;
    }

    /// <summary>Counts taken straight from the JSON with no knowledge of the reader's model.</summary>
    private sealed record RawCounts(int Vulnerabilities, HashSet<string> ProductIds, int Remediations, int Scores)
    {
        public static RawCounts Of(byte[] json)
        {
            using var parsed = JsonDocument.Parse(json);
            var root = parsed.RootElement;
            var ids = new HashSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("product_tree", out var tree))
            {
                if (tree.TryGetProperty("branches", out var branches))
                {
                    CollectLeaves(branches, ids);
                }

                if (tree.TryGetProperty("full_product_names", out var names))
                {
                    foreach (var name in names.EnumerateArray())
                    {
                        ids.Add(name.GetProperty("product_id").GetString()!);
                    }
                }

                if (tree.TryGetProperty("relationships", out var relationships))
                {
                    foreach (var relationship in relationships.EnumerateArray())
                    {
                        ids.Add(relationship.GetProperty("full_product_name").GetProperty("product_id").GetString()!);
                    }
                }
            }

            int vulnerabilities = 0, remediations = 0, scores = 0;
            if (root.TryGetProperty("vulnerabilities", out var list))
            {
                foreach (var vulnerability in list.EnumerateArray())
                {
                    vulnerabilities++;
                    remediations += vulnerability.TryGetProperty("remediations", out var r) ? r.GetArrayLength() : 0;
                    scores += vulnerability.TryGetProperty("scores", out var s) ? s.GetArrayLength() : 0;
                }
            }

            return new RawCounts(vulnerabilities, ids, remediations, scores);
        }

        private static void CollectLeaves(JsonElement branches, HashSet<string> ids)
        {
            foreach (var branch in branches.EnumerateArray())
            {
                if (branch.TryGetProperty("product", out var product))
                {
                    ids.Add(product.GetProperty("product_id").GetString()!);
                }

                if (branch.TryGetProperty("branches", out var children))
                {
                    CollectLeaves(children, ids);
                }
            }
        }
    }
}
