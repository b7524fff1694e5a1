namespace Seam.Inventory;

/// <summary>The whole inventory as one value: what an import brings, an export writes and the validator checks.</summary>
public sealed record InventoryModel
{
    public IReadOnlyList<Team> Teams { get; init; } = [];

    public IReadOnlyList<Person> People { get; init; } = [];

    public IReadOnlyList<Site> Sites { get; init; } = [];

    public IReadOnlyList<Zone> Zones { get; init; } = [];

    public IReadOnlyList<Conduit> Conduits { get; init; } = [];

    public IReadOnlyList<Asset> Assets { get; init; } = [];

    public IReadOnlyList<EntryPoint> EntryPoints { get; init; } = [];

    public static InventoryModel Empty { get; } = new();
}
