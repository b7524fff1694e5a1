using Seam.Intelligence.Feeds;

namespace Seam.Storage.Intelligence;

/// <summary>Reads a feed file with its reader and hands it to the <see cref="FeedImporter"/>; shared by the CLI and the API.</summary>
public static class FeedImports
{
    public static async Task<FeedImportResult> ImportKevAsync(FeedImporter importer, Stream stream, string sourceName, string actor, CancellationToken ct)
    {
        var catalog = KevCatalogReader.ReadAny(stream, sourceName);
        return await importer.ImportKevAsync(catalog, sourceName, actor, ct);
    }

    public static async Task<FeedImportResult> ImportEpssAsync(FeedImporter importer, Stream stream, string sourceName, string actor, CancellationToken ct)
    {
        using var file = EpssReader.Read(stream, sourceName);
        return await importer.ImportEpssAsync(file, actor, ct);
    }

    public static async Task<FeedImportResult> ImportNvdAsync(FeedImporter importer, Stream stream, string sourceName, string actor, CancellationToken ct)
    {
        var feed = NvdReader.Read(stream, sourceName);
        return await importer.ImportNvdAsync(feed, sourceName, actor, ct);
    }
}
