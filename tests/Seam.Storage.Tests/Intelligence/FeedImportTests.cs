using System.Text;
using Microsoft.EntityFrameworkCore;
using Seam.Intelligence.Feeds;
using Seam.Storage.Intelligence;
using Seam.Testing.Corpus;
using Seam.Testing.Databases;

namespace Seam.Storage.Tests.Intelligence;

public sealed class FeedImportTests
{
    private static FeedImporter Importer(TestDatabase database) => new(new SeamDbContextFactory(database.Options), TimeProvider.System);

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_kev_catalog_imports_whole_and_a_second_import_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var path = SharedCorpus.Path("kev", "known_exploited_vulnerabilities.json");

        await using (var stream = File.OpenRead(path))
        {
            var first = await FeedImports.ImportKevAsync(Importer(database), stream, path, "test", CancellationToken.None);
            Assert.Equal((1404, 0, 0), (first.Added, first.Updated, first.Removed));
            Assert.Equal("2025.08.25", first.Version);
        }

        await using (var stream = File.OpenRead(path))
        {
            var second = await FeedImports.ImportKevAsync(Importer(database), stream, path, "test", CancellationToken.None);
            Assert.Equal((0, 0, 1404), (second.Added, second.Updated, second.Unchanged));
        }

        await using var db = database.CreateContext();
        var log4shell = await db.KnownExploitations.SingleAsync(k => k.CveId == "CVE-2021-44228");
        Assert.Equal(new DateOnly(2021, 12, 10), log4shell.DateAdded);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Epss_scores_upsert_by_cve_and_a_bad_row_anywhere_writes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var official = "#model_version:v2025.03.14,score_date:2025-03-14T00:00:00+0000\ncve,epss,percentile\nCVE-2021-44228,0.94358,0.99970\nCVE-2024-3400,0.94250,0.99930\n";

        var result = await FeedImports.ImportEpssAsync(Importer(database), new MemoryStream(Encoding.UTF8.GetBytes(official)), "epss.csv", "test", CancellationToken.None);
        Assert.Equal(2, result.Added);

        var broken = "#model_version:v2025.03.15,score_date:2025-03-15T00:00:00+0000\ncve,epss,percentile\nCVE-2021-44228,0.5,0.9\nCVE-2024-3400,1.7,0.9\n";
        var error = await Assert.ThrowsAsync<FeedFormatException>(() =>
            FeedImports.ImportEpssAsync(Importer(database), new MemoryStream(Encoding.UTF8.GetBytes(broken)), "broken.csv", "test", CancellationToken.None));
        Assert.Contains("broken.csv:4", error.Message, StringComparison.Ordinal);

        await using var db = database.CreateContext();
        var log4shell = await db.ExploitPredictions.SingleAsync(e => e.CveId == "CVE-2021-44228");
        Assert.Equal(0.94358, log4shell.Probability, 5);
        Assert.Equal("v2025.03.14", log4shell.ModelVersion);
    }

    [Theory, MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_corpus_epss_year_file_imports_every_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var path = SharedCorpus.Path("epss", "emba-epss-data", "EPSS_CVE_data", "CVE_2017_EPSS.csv");
        var rows = File.ReadLines(path).Count(l => l.Trim().Length > 0);

        await using var stream = File.OpenRead(path);
        var result = await FeedImports.ImportEpssAsync(Importer(database), stream, path, "test", CancellationToken.None);

        Assert.Equal(rows, result.Added);
        await using var db = database.CreateContext();
        Assert.Equal(rows, await db.ExploitPredictions.CountAsync());
    }
}
