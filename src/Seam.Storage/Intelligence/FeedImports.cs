using Seam.Intelligence.Feeds;

namespace Seam.Storage.Intelligence;

/// <summary>Reads a feed file with its reader and hands it to the <see cref="FeedImporter"/>; shared by the CLI and the API.</summary>
public static class FeedImports
{
    public static async Task<FeedImportResult> ImportKevAsync(FeedImporter importer, Stream stream, string sourceName, string actor, CancellationToken ct)
    {
        var buffered = await BufferAsync(stream, ct);
        var catalog = LooksLikeCsv(buffered, sourceName) ? KevCatalogReader.ReadCsv(buffered, sourceName) : KevCatalogReader.Read(buffered, sourceName);
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

    private static async Task<MemoryStream> BufferAsync(Stream stream, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, ct);
        buffer.Position = 0;
        return buffer;
    }

    /// <summary>The KEV catalog comes as JSON or CSV: a ".csv" name or a first character that cannot start JSON means CSV.</summary>
    private static bool LooksLikeCsv(MemoryStream buffer, string sourceName)
    {
        if (sourceName.EndsWith(".csv", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)Math.Min(buffer.Length, 64));
        foreach (var b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF)
            {
                continue;
            }

            return b is not ((byte)'{' or (byte)'[');
        }

        return false;
    }
}
