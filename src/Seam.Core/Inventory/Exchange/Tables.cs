using System.Text.Json;

namespace Seam.Inventory.Exchange;

/// <summary>
/// One entity's table: file name, JSON property and columns. The same table drives the CSV and JSON readers
/// and writers, so that the two formats cannot drift apart.
/// </summary>
internal abstract class Table
{
    protected Table(InventoryEntity entity, string name)
    {
        Entity = entity;
        Name = name;
    }

    public InventoryEntity Entity { get; }

    /// <summary>The JSON property and the CSV file's name without extension: <c>entry_points</c>.</summary>
    public string Name { get; }

    public string FileName => Name + ".csv";

    public abstract IReadOnlyList<string> Header { get; }

    public abstract int CountIn(InventoryModel model);

    /// <summary>True when every header names a column of this table and every required column is there.</summary>
    public abstract bool Matches(IReadOnlyList<string> headers);

    public abstract void ReadCsv(CsvTokenizer csv, string file, ImportState state);

    public abstract void ReadJsonRecord(ref Utf8JsonReader reader, JsonInventoryReader json, int index);

    public abstract void WriteCsv(InventoryModel model, CsvWriter writer);

    public abstract void WriteJson(InventoryModel model, Utf8JsonWriter writer);
}

internal sealed class Table<T> : Table
{
    private readonly Func<T> _create;
    private readonly Func<InventoryModel, IReadOnlyList<T>> _select;
    private readonly Func<ImportState, List<T>> _bucket;
    private readonly Dictionary<string, Field<T>> _byName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _indexByExactName = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _indexLookup;

    public Table(InventoryEntity entity, string name, Func<T> create, Func<T, string> id,
        Func<InventoryModel, IReadOnlyList<T>> select, Func<ImportState, List<T>> bucket, params Field<T>[] fields)
        : base(entity, name)
    {
        _create = create;
        Id = id;
        _select = select;
        _bucket = bucket;
        Fields = fields;
        Header = fields.Select(f => f.Name).ToArray();
        for (var i = 0; i < fields.Length; i++)
        {
            _byName[Names.Normalise(fields[i].Name)] = fields[i];
            _indexByExactName[fields[i].Name] = i;
        }

        _indexLookup = _indexByExactName.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public Func<T, string> Id { get; }

    public IReadOnlyList<Field<T>> Fields { get; }

    public override IReadOnlyList<string> Header { get; }

    public T Create() => _create();

    public List<T> BucketIn(ImportState state) => _bucket(state);

    /// <summary>Finds a column by its name, ignoring case, spaces and punctuation.</summary>
    public Field<T>? Find(string header) => _byName.GetValueOrDefault(Names.Normalise(header));

    /// <summary>The column's index: by its exact name without allocating, else as <see cref="Find"/> does; -1 when unknown.</summary>
    public int IndexOf(ReadOnlySpan<char> name)
    {
        if (_indexLookup.TryGetValue(name, out var index))
        {
            return index;
        }

        return Find(name.ToString()) is { } field ? _indexByExactName[field.Name] : -1;
    }

    public IEnumerable<T> InIdOrder(InventoryModel model) => _select(model).OrderBy(Id, StringComparer.Ordinal);

    public override int CountIn(InventoryModel model) => _select(model).Count;

    public override bool Matches(IReadOnlyList<string> headers)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        foreach (var header in headers)
        {
            if (Find(header) is not { } field)
            {
                return false;
            }

            found.Add(field.Name);
        }

        return Fields.Where(f => f.IsRequired).All(f => found.Contains(f.Name));
    }

    public override void ReadCsv(CsvTokenizer csv, string file, ImportState state) => CsvTableReader.Read(this, csv, file, state);

    public override void ReadJsonRecord(ref Utf8JsonReader reader, JsonInventoryReader json, int index) => json.ReadRecord(this, ref reader, index);

    public override void WriteCsv(InventoryModel model, CsvWriter writer) => writer.WriteTable(this, model);

    public override void WriteJson(InventoryModel model, Utf8JsonWriter writer)
    {
        writer.WriteStartArray(Name);
        foreach (var record in InIdOrder(model))
        {
            writer.WriteStartObject();
            foreach (var field in Fields)
            {
                field.WriteJson(record, writer);
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }
}

/// <summary>The seven tables of Seam's own formats, in dependency order (what is referred to comes first).</summary>
internal static class Tables
{
    public static readonly Table<Team> Teams = new(InventoryEntity.Team, "teams",
        () => new Team { Id = string.Empty, Name = string.Empty }, t => t.Id, m => m.Teams, s => s.Teams,
        Field.Text<Team>("id", t => t.Id, (t, v) => t.Id = v!, required: true),
        Field.Text<Team>("name", t => t.Name, (t, v) => t.Name = v!, required: true),
        Field.Of<Team, TeamSide>("side", Codecs.Side, t => t.Side, (t, v) => t.Side = v),
        Field.Text<Team>("email", t => t.Email, (t, v) => t.Email = v));

    public static readonly Table<Person> People = new(InventoryEntity.Person, "people",
        () => new Person { Id = string.Empty, Name = string.Empty }, p => p.Id, m => m.People, s => s.People,
        Field.Text<Person>("id", p => p.Id, (p, v) => p.Id = v!, required: true),
        Field.Text<Person>("name", p => p.Name, (p, v) => p.Name = v!, required: true),
        Field.Text<Person>("email", p => p.Email, (p, v) => p.Email = v),
        Field.Text<Person>("team", p => p.TeamId, (p, v) => p.TeamId = v, pooled: true),
        Field.Text<Person>("title", p => p.Title, (p, v) => p.Title = v, pooled: true));

    public static readonly Table<Site> Sites = new(InventoryEntity.Site, "sites",
        () => new Site { Id = string.Empty, Name = string.Empty }, s => s.Id, m => m.Sites, s => s.Sites,
        Field.Text<Site>("id", s => s.Id, (s, v) => s.Id = v!, required: true),
        Field.Text<Site>("name", s => s.Name, (s, v) => s.Name = v!, required: true),
        Field.Text<Site>("location", s => s.Location, (s, v) => s.Location = v),
        Field.Text<Site>("description", s => s.Description, (s, v) => s.Description = v));

    public static readonly Table<Zone> Zones = new(InventoryEntity.Zone, "zones",
        () => new Zone { Id = string.Empty, SiteId = string.Empty, Name = string.Empty }, z => z.Id, m => m.Zones, s => s.Zones,
        Field.Text<Zone>("id", z => z.Id, (z, v) => z.Id = v!, required: true),
        Field.Text<Zone>("site", z => z.SiteId, (z, v) => z.SiteId = v!, required: true, pooled: true),
        Field.Text<Zone>("name", z => z.Name, (z, v) => z.Name = v!, required: true),
        Field.Of<Zone, PurdueLevel>("level", Codecs.Level, z => z.Level, (z, v) => z.Level = v, required: true),
        Field.Of<Zone, int>("target_security_level", Codecs.SecurityLevel, z => z.TargetSecurityLevel, (z, v) => z.TargetSecurityLevel = v),
        Field.List<Zone, string>("subnets", Codecs.Subnet, z => z.Subnets, (z, v) => z.Subnets = v),
        Field.Text<Zone>("owner", z => z.OwnerTeamId, (z, v) => z.OwnerTeamId = v, pooled: true),
        Field.Text<Zone>("description", z => z.Description, (z, v) => z.Description = v));

    public static readonly Table<Conduit> Conduits = new(InventoryEntity.Conduit, "conduits",
        () => new Conduit { Id = string.Empty, SiteId = string.Empty, FromZoneId = string.Empty, ToZoneId = string.Empty },
        c => c.Id, m => m.Conduits, s => s.Conduits,
        Field.Text<Conduit>("id", c => c.Id, (c, v) => c.Id = v!, required: true),
        Field.Text<Conduit>("site", c => c.SiteId, (c, v) => c.SiteId = v!, required: true, pooled: true),
        Field.Text<Conduit>("name", c => c.Name, (c, v) => c.Name = v),
        Field.Text<Conduit>("from_zone", c => c.FromZoneId, (c, v) => c.FromZoneId = v!, required: true, pooled: true),
        Field.Text<Conduit>("to_zone", c => c.ToZoneId, (c, v) => c.ToZoneId = v!, required: true, pooled: true),
        Field.List<Conduit, ServiceEndpoint>("services", Codecs.Service, c => c.Services, (c, v) => c.Services = v),
        Field.Of<Conduit, ConduitDirection>("direction", Codecs.Direction, c => c.Direction, (c, v) => c.Direction = v),
        Field.Text<Conduit>("enforced_by", c => c.EnforcedBy, (c, v) => c.EnforcedBy = v, pooled: true),
        Field.Text<Conduit>("description", c => c.Description, (c, v) => c.Description = v));

    public static readonly Table<Asset> Assets = new(InventoryEntity.Asset, "assets",
        () => new Asset { Id = string.Empty, SiteId = string.Empty, Name = string.Empty, Kind = AssetKind.Other, Source = AssetSource.Import },
        a => a.Id, m => m.Assets, s => s.Assets,
        Field.Text<Asset>("id", a => a.Id, (a, v) => a.Id = v!, required: true),
        Field.Text<Asset>("site", a => a.SiteId, (a, v) => a.SiteId = v!, required: true, pooled: true),
        Field.Text<Asset>("zone", a => a.ZoneId, (a, v) => a.ZoneId = v, pooled: true),
        Field.Text<Asset>("name", a => a.Name, (a, v) => a.Name = v!, required: true),
        Field.Of<Asset, AssetKind>("kind", Codecs.Kind, a => a.Kind, (a, v) => a.Kind = v),
        Field.Text<Asset>("vendor", a => a.Vendor, (a, v) => a.Vendor = v, pooled: true),
        Field.Text<Asset>("product", a => a.Product, (a, v) => a.Product = v, pooled: true),
        Field.Text<Asset>("model", a => a.Model, (a, v) => a.Model = v, pooled: true),
        Field.Text<Asset>("version", a => a.Version, (a, v) => a.Version = v, pooled: true),
        Field.Text<Asset>("serial_number", a => a.SerialNumber, (a, v) => a.SerialNumber = v),
        Field.List<Asset, string>("identifiers", Codecs.ProductIdentifier, a => a.Identifiers, (a, v) => a.Identifiers = v),
        Field.List<Asset, string>("addresses", Codecs.IpAddress, a => a.Addresses, (a, v) => a.Addresses = v),
        Field.List<Asset, string>("mac_addresses", Codecs.MacAddress, a => a.MacAddresses, (a, v) => a.MacAddresses = v),
        Field.List<Asset, ServiceEndpoint>("services", Codecs.Service, a => a.Services, (a, v) => a.Services = v),
        Field.Text<Asset>("owner", a => a.OwnerTeamId, (a, v) => a.OwnerTeamId = v, pooled: true),
        Field.Text<Asset>("maintainer", a => a.MaintainerTeamId, (a, v) => a.MaintainerTeamId = v, pooled: true),
        Field.Of<Asset, int>("criticality", Codecs.Criticality, a => a.Criticality, (a, v) => a.Criticality = v),
        Field.Of<Asset, bool>("safety_relevant", Codecs.Bool, a => a.SafetyRelevant, (a, v) => a.SafetyRelevant = v),
        Field.Text<Asset>("process_line", a => a.ProcessLine, (a, v) => a.ProcessLine = v, pooled: true),
        Field.Of<Asset, decimal?>("downtime_cost_per_hour", Codecs.Decimal, a => a.DowntimeCostPerHour, (a, v) => a.DowntimeCostPerHour = v),
        Field.Of<Asset, Patchability>("patchability", Codecs.Patching, a => a.Patchability, (a, v) => a.Patchability = v),
        Field.Of<Asset, bool>("crown_jewel", Codecs.Bool, a => a.IsCrownJewel, (a, v) => a.IsCrownJewel = v),
        Field.Of<Asset, AssetSource>("source", Codecs.Source, a => a.Source, (a, v) => a.Source = v),
        Field.Of<Asset, DateTimeOffset?>("last_seen", Codecs.Timestamp, a => a.LastSeen, (a, v) => a.LastSeen = v),
        Field.Text<Asset>("notes", a => a.Notes, (a, v) => a.Notes = v));

    public static readonly Table<EntryPoint> EntryPoints = new(InventoryEntity.EntryPoint, "entry_points",
        () => new EntryPoint { Id = string.Empty, SiteId = string.Empty, Name = string.Empty }, e => e.Id, m => m.EntryPoints, s => s.EntryPoints,
        Field.Text<EntryPoint>("id", e => e.Id, (e, v) => e.Id = v!, required: true),
        Field.Text<EntryPoint>("site", e => e.SiteId, (e, v) => e.SiteId = v!, required: true, pooled: true),
        Field.Text<EntryPoint>("name", e => e.Name, (e, v) => e.Name = v!, required: true),
        Field.Of<EntryPoint, EntryPointKind>("kind", Codecs.EntryKind, e => e.Kind, (e, v) => e.Kind = v, required: true),
        Field.Text<EntryPoint>("zone", e => e.ZoneId, (e, v) => e.ZoneId = v, pooled: true),
        Field.Text<EntryPoint>("vendor", e => e.Vendor, (e, v) => e.Vendor = v, pooled: true),
        Field.Text<EntryPoint>("method", e => e.Method, (e, v) => e.Method = v),
        Field.List<EntryPoint, string>("target_assets", Codecs.Id, e => e.TargetAssetIds, (e, v) => e.TargetAssetIds = v),
        Field.Of<EntryPoint, bool>("mfa", Codecs.Bool, e => e.MfaRequired, (e, v) => e.MfaRequired = v),
        Field.Of<EntryPoint, RemoteAccessAvailability>("availability", Codecs.Availability, e => e.Availability, (e, v) => e.Availability = v),
        Field.Text<EntryPoint>("description", e => e.Description, (e, v) => e.Description = v));

    public static IReadOnlyList<Table> All { get; } = [Teams, People, Sites, Zones, Conduits, Assets, EntryPoints];

    public static Table? ByFileName(string fileName) =>
        All.FirstOrDefault(t => t.FileName.Equals(fileName, StringComparison.OrdinalIgnoreCase));

    public static Table? ByName(string name) => All.FirstOrDefault(t => t.Name == name);
}
