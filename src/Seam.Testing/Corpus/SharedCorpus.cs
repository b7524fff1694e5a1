namespace Seam.Testing.Corpus;

/// <summary>
/// Locates <c>../shared/corpus</c>, the real public data the tests run against. The repository is expected to sit
/// beside <c>shared/</c> (as in CI); <c>SEAM_CORPUS</c> overrides the location.
/// </summary>
public static class SharedCorpus
{
    private static readonly Lazy<string> LazyRoot = new(Locate);

    /// <summary>The corpus folder; throws with instructions when it cannot be found.</summary>
    public static string Root => LazyRoot.Value;

    /// <summary>A path inside the corpus, e.g. <c>Path("kev", "known_exploited_vulnerabilities.json")</c>.</summary>
    public static string Path(params string[] parts) => System.IO.Path.Combine([Root, .. parts]);

    private static string Locate()
    {
        var configured = Environment.GetEnvironmentVariable("SEAM_CORPUS");
        if (!string.IsNullOrWhiteSpace(configured))
        {
            return Directory.Exists(configured)
                ? configured
                : throw new DirectoryNotFoundException($"SEAM_CORPUS names '{configured}', which does not exist.");
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            "The shared corpus was not found: clone the repository beside 'shared/' (so that ../shared/corpus exists) " +
            "or set SEAM_CORPUS to the corpus folder.");
    }
}
