namespace Seam.Inventory.Exchange;

/// <summary>
/// Reads inventory files — Seam's per-entity CSV files, a plant's asset-list sheet, or one JSON document — into an
/// incoming model, collecting every error with its place. Pure: streams in, values out; nothing is stored.
/// </summary>
public static class InventoryReader
{
    /// <summary>
    /// Reads <paramref name="files"/>. Zones, sites, teams and assets that records refer to are resolved, by id or by name,
    /// against the files and <paramref name="existing"/>.
    /// </summary>
    public static InventoryReadResult Read(IReadOnlyList<InventoryFile> files, InventoryModel existing, ImportOptions? options = null)
    {
        var state = new ImportState(existing, options ?? ImportOptions.Default);
        foreach (var file in files)
        {
            if (state.Errors.IsFull)
            {
                break;
            }

            ReadFile(file, state);
        }

        if (!state.Errors.IsFull)
        {
            new ReferenceResolver(state).ResolveAll();
        }

        return new InventoryReadResult(state.ToModel(), state.Errors.Errors, state.Errors.Warnings, state.SourceMap);
    }

    private static void ReadFile(InventoryFile file, ImportState state)
    {
        var limit = state.Options.MaxFileBytes;
        if (file.Length > limit)
        {
            state.Errors.Add(new ImportError(file.Name, null, null, null,
                $"the file is {Sizes.Describe(file.Length)} ({file.Length:N0} bytes), larger than the import limit of {Sizes.Describe(limit)}; it was not read",
                $"a file of at most {Sizes.Describe(limit)} (split it, or raise the limit)"));
            return;
        }

        using var stream = file.Open();
        if (Path.GetExtension(file.Name).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            JsonInventoryReader.Read(stream, file.Name, file.Length, state);
            return;
        }

        var csv = new CsvTokenizer(stream, file.Name, limit);
        if (!csv.ReadRecord())
        {
            state.Errors.Add(csv.Error ?? new ImportError(file.Name, null, null, null, "the file is empty", "a header row followed by one row per record"));
            return;
        }

        var headers = csv.Fields();
        var byName = Tables.ByFileName(Path.GetFileName(file.Name));
        if (byName is not null && !(byName == Tables.Assets && AssetListSheet.LooksLikeSheet(headers)))
        {
            byName.ReadCsv(csv, file.Name, state);
        }
        else if (byName is null && Tables.All.FirstOrDefault(t => t.Matches(headers)) is { } byHeaders)
        {
            byHeaders.ReadCsv(csv, file.Name, state);
        }
        else if (AssetListSheet.Recognises(headers))
        {
            AssetListSheet.Read(csv, file.Name, state);
        }
        else
        {
            state.Errors.Add(new ImportError(file.Name, 1, null, null,
                "the file is not recognised: its name is not one of Seam's tables and its header row matches neither a table nor an asset list",
                $"{string.Join(", ", Tables.All.Select(t => t.FileName))}, an asset list with a Tag/Name/Asset ID column, or a .json inventory"));
        }
    }
}

/// <summary>What a read has gathered so far: records per entity, their origins, errors.</summary>
internal sealed class ImportState(InventoryModel existing, ImportOptions options)
{
    public InventoryModel Existing { get; } = existing;

    public ImportOptions Options { get; } = options;

    public ErrorSink Errors { get; } = new(options.MaxErrors);

    public SourceMap SourceMap { get; } = new();

    public StringPool Strings { get; } = new();

    public List<Team> Teams { get; } = [];

    public List<Person> People { get; } = [];

    public List<Site> Sites { get; } = [];

    public List<Zone> Zones { get; } = [];

    public List<Conduit> Conduits { get; } = [];

    public List<Asset> Assets { get; } = [];

    public List<EntryPoint> EntryPoints { get; } = [];

    /// <summary>Keeps the record unless its id is already taken in this import; then reports both places.</summary>
    public void Add<T>(Table<T> table, T record, RecordOrigin origin)
    {
        var id = table.Id(record);
        var first = SourceMap.TryAdd(table.Entity, id, origin);
        if (first is null)
        {
            table.BucketIn(this).Add(record);
            return;
        }

        var at = origin.Locate("id");
        var firstPlace = first.File == origin.File ? $"line {first.Line}" : $"{first.File}:{first.Line}";
        Errors.Add(new ImportError(origin.File, at.Line, at.Column, at.ColumnName,
            $"the {EntityWords.Of(table.Entity)} id '{id}' is used twice: first on {firstPlace}, again on line {origin.Line}",
            "each id once in an import", at.JsonPath));
    }

    public InventoryModel ToModel() => new()
    {
        Teams = Teams,
        People = People,
        Sites = Sites,
        Zones = Zones,
        Conduits = Conduits,
        Assets = Assets,
        EntryPoints = EntryPoints,
    };
}
