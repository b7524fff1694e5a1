using Seam.Bench.Harness;
using Seam.Intelligence.Csaf;
using Seam.Inventory;
using Seam.Inventory.Demo;
using Seam.Testing.Corpus;

namespace Seam.Bench.Intelligence;

/// <summary>One CSAF document held in memory: the throughput passes read it from here, never from disk.</summary>
public sealed record CorpusDocument(string Path, byte[] Content);

/// <summary>Vendor, product and version as an advisory's product tree names them, harvested to seed matching assets.</summary>
public sealed record HarvestedProduct(string Vendor, string Product, string? Version);

/// <summary>
/// The real public input of the intelligence bench: CISA's CSAF advisories (with their .sha512 and .asc sidecars),
/// the KEV catalog and the EPSS extracts from the shared corpus (see /work/shared/corpus/PROVENANCE.md).
/// </summary>
public sealed class IntelligenceCorpus
{
    private IntelligenceCorpus(string csafFolder, IReadOnlyList<CorpusDocument> documents, string kev, IReadOnlyList<string> epss)
    {
        CsafFolder = csafFolder;
        Documents = documents;
        KevJson = kev;
        EpssFiles = epss;
    }

    /// <summary>The folder the importer reads, sidecars and all.</summary>
    public string CsafFolder { get; }

    /// <summary>The advisories in path order, so every run sees them in the same order.</summary>
    public IReadOnlyList<CorpusDocument> Documents { get; }

    public long Bytes => Documents.Sum(d => (long)d.Content.Length);

    public string KevJson { get; }

    public IReadOnlyList<string> EpssFiles { get; }

    /// <param name="limit">At most this many advisories (the first in path order), for the smoke run; null for all.</param>
    public static IntelligenceCorpus Load(int? limit)
    {
        string root;
        try
        {
            root = SharedCorpus.Root;
        }
        catch (DirectoryNotFoundException e)
        {
            throw new BenchmarkFailure(e.Message);
        }

        var csaf = Path.Combine(root, "csaf", "cisagov-CSAF", "csaf_files");
        var kev = Path.Combine(root, "kev", "known_exploited_vulnerabilities.json");
        var epssFolder = Path.Combine(root, "epss", "emba-epss-data", "EPSS_CVE_data");
        if (!Directory.Exists(csaf) || !File.Exists(kev) || !Directory.Exists(epssFolder))
        {
            throw new BenchmarkFailure($"The corpus under {root} lacks the CSAF folder, the KEV JSON or the EPSS folder.");
        }

        var paths = Directory.EnumerateFiles(csaf, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal).ToList();
        if (limit is { } n)
        {
            paths = paths.Take(n).ToList();
        }

        var documents = paths.Select(p => new CorpusDocument(p, File.ReadAllBytes(p))).ToList();
        var epss = Directory.EnumerateFiles(epssFolder, "*.csv").Order(StringComparer.Ordinal).ToList();
        if (documents.Count == 0 || epss.Count == 0)
        {
            throw new BenchmarkFailure($"No CSAF documents under {csaf} or no EPSS files under {epssFolder}.");
        }

        // With a limit the importer must see only those documents: copy them, sidecars included, to a folder of their own.
        var folder = csaf;
        if (limit is not null)
        {
            folder = Path.Combine(Path.GetTempPath(), "seam-bench-csaf-" + Guid.NewGuid().ToString("N")[..12]);
            foreach (var path in paths)
            {
                foreach (var file in new[] { path, path + ".sha512", path + ".asc" }.Where(File.Exists))
                {
                    var target = Path.Combine(folder, Path.GetRelativePath(csaf, file));
                    Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                    File.Copy(file, target);
                }
            }
        }

        return new IntelligenceCorpus(folder, documents, kev, epss) { IsCopy = limit is not null };
    }

    private bool IsCopy { get; init; }

    /// <summary>Removes the folder a limited corpus was copied to; the shared corpus itself is never touched.</summary>
    public void DeleteCopy()
    {
        if (IsCopy && Directory.Exists(CsafFolder))
        {
            Directory.Delete(CsafFolder, recursive: true);
        }
    }

    /// <summary>
    /// Every distinct (vendor, product, version) the advisories' product trees name, in a stable order. Products without
    /// a vendor or product name cannot seed a name match and are left out.
    /// </summary>
    public IReadOnlyList<HarvestedProduct> HarvestProducts()
    {
        var seen = new HashSet<HarvestedProduct>();
        var harvested = new List<HarvestedProduct>();
        foreach (var document in Documents)
        {
            using var read = CsafReader.Read(document.Content, document.Path);
            if (read.Document is not { } csaf)
            {
                continue;
            }

            foreach (var product in CsafProducts.Describe(csaf).Values)
            {
                if (string.IsNullOrWhiteSpace(product.Vendor) || string.IsNullOrWhiteSpace(product.Product))
                {
                    continue;
                }

                var item = new HarvestedProduct(Clip(product.Vendor, 200), Clip(product.Product, 200),
                    product.Version is null ? null : Clip(product.Version, 100));
                if (seen.Add(item))
                {
                    harvested.Add(item);
                }
            }
        }

        return harvested;
    }

    /// <summary>
    /// <see cref="DemoPlant.CreateScaled"/> with a share of its assets (chosen with <paramref name="seed"/>) turned into
    /// products the advisories name, so that matching finds real work: vendor, product and version from a harvested
    /// product; model and identifiers cleared, because the demo's would describe another product.
    /// </summary>
    public static InventoryModel MatchingPlant(int assets, int seed, IReadOnlyList<HarvestedProduct> products, double share)
    {
        var model = DemoPlant.CreateScaled(assets, seed);
        if (products.Count == 0)
        {
            throw new BenchmarkFailure("The corpus advisories name no product with a vendor and a product name to seed matching assets.");
        }

        var random = new Random(seed);
        var chosen = Enumerable.Range(0, model.Assets.Count).OrderBy(_ => random.Next()).Take((int)Math.Round(model.Assets.Count * share));
        foreach (var index in chosen)
        {
            var asset = model.Assets[index];
            var product = products[random.Next(products.Count)];
            asset.Vendor = product.Vendor;
            asset.Product = product.Product;
            asset.Version = product.Version;
            asset.Model = null;
            asset.Identifiers = [];
        }

        return model;
    }

    private static string Clip(string text, int length) => text.Length <= length ? text : text[..length];
}
