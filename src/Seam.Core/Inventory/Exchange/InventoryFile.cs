namespace Seam.Inventory.Exchange;

/// <summary>
/// A file offered for import. <paramref name="Open"/> is called at most once, and only when the file is read;
/// <paramref name="Length"/> (bytes) lets a file that is too large be refused without opening it.
/// </summary>
public sealed record InventoryFile(string Name, Func<Stream> Open, long Length)
{
    /// <summary>An in-memory file, for tests and for uploads already held in memory.</summary>
    public static InventoryFile FromBytes(string name, byte[] content) =>
        new(name, () => new MemoryStream(content, writable: false), content.LongLength);
}

public sealed record ImportOptions
{
    /// <summary>Files larger than this are refused before they are read. Default 100 MB.</summary>
    public long MaxFileBytes { get; init; } = 100L * 1024 * 1024;

    /// <summary>Reading stops after this many errors. Default 200.</summary>
    public int MaxErrors { get; init; } = 200;

    /// <summary>
    /// The site given to asset-list rows that name none. When null and the import plus the stored inventory
    /// hold exactly one site, that site is used.
    /// </summary>
    public string? DefaultSiteId { get; init; }

    public static ImportOptions Default { get; } = new();
}

/// <summary>What a read produced. The import may go ahead only when <see cref="Errors"/> is empty.</summary>
public sealed class InventoryReadResult
{
    internal InventoryReadResult(InventoryModel incoming, IReadOnlyList<ImportError> errors, IReadOnlyList<ImportError> warnings, SourceMap sourceMap)
    {
        Incoming = incoming;
        Errors = errors;
        Warnings = warnings;
        SourceMap = sourceMap;
    }

    /// <summary>The records found in the files, references resolved to ids. Records with errors are left out.</summary>
    public InventoryModel Incoming { get; }

    public IReadOnlyList<ImportError> Errors { get; }

    /// <summary>Things that did not stop the read, such as a spreadsheet column that was ignored.</summary>
    public IReadOnlyList<ImportError> Warnings { get; }

    /// <summary>Where each incoming record came from.</summary>
    public SourceMap SourceMap { get; }

    public bool Succeeded => Errors.Count == 0;

    /// <summary>Places a validator problem at the file, line and column its record came from.</summary>
    public ImportError Locate(InventoryProblem problem) => SourceMap.ToImportError(problem);
}
