using System.Globalization;

namespace Seam.Inventory.Demo;

/// <summary>
/// Collects the records of a generated inventory and owns everything drawn from the seed, so that one seed
/// always gives one model: every random choice goes through <see cref="Random"/> in a fixed order.
/// </summary>
internal sealed class DemoBuilder
{
    private readonly List<Team> teams = [];
    private readonly List<Person> people = [];
    private readonly List<Site> sites = [];
    private readonly List<Zone> zones = [];
    private readonly List<Conduit> conduits = [];
    private readonly List<Asset> assets;
    private readonly List<EntryPoint> entryPoints = [];
    private readonly List<ZoneBuilder> fieldZones = [];
    private readonly Dictionary<string, uint> nextMacByOui = new(StringComparer.Ordinal);

    public DemoBuilder(int seed, bool scaled, int expectedAssets)
    {
        Random = new Random(seed);
        Addresses = new AddressPlan(scaled, Random);
        assets = new List<Asset>(expectedAssets);
    }

    public Random Random { get; }

    public RoleTally Tally { get; } = new();

    public AddressPlan Addresses { get; }

    public int AssetCount => assets.Count;

    public Team Team(string id, string name, TeamSide side, string email)
    {
        var team = new Team { Id = id, Name = name, Side = side, Email = email };
        teams.Add(team);
        return team;
    }

    public void Person(string id, string name, string teamId, string title, string mailDomain = "kestrel-group.example") =>
        people.Add(new Person { Id = id, Name = name, TeamId = teamId, Title = title, Email = id + "@" + mailDomain });

    public SiteBuilder Site(string id, string code, int siteOctet, string name, string location, string description, SiteShape shape)
    {
        sites.Add(new Site { Id = id, Name = name, Location = location, Description = description });
        return new SiteBuilder(this, id, code, siteOctet, shape);
    }

    internal void Add(Zone zone, ZoneBuilder builder)
    {
        zones.Add(zone);
        if (zone.Level == PurdueLevel.Process)
        {
            fieldZones.Add(builder);
        }
    }

    internal void Add(Conduit conduit) => conduits.Add(conduit);

    internal void Add(Asset asset) => assets.Add(asset);

    internal void Add(EntryPoint entryPoint) => entryPoints.Add(entryPoint);

    /// <summary>
    /// Brings a scaled model to exactly <paramref name="target"/> assets with more field devices, spread over
    /// the level-0 zones in turn: in a bigger plant it is the instruments and drives that multiply most.
    /// </summary>
    public void TopUpWithFieldDevices(int target)
    {
        for (var i = 0; AssetCount < target; i++)
        {
            fieldZones[i % fieldZones.Count].AddFieldDeviceForScale();
        }
    }

    public InventoryModel Build() => new()
    {
        Teams = teams,
        People = people,
        Sites = sites,
        Zones = zones,
        Conduits = conduits,
        Assets = assets,
        EntryPoints = entryPoints,
    };

    public string Pick(IReadOnlyList<string> choices) => choices[Random.Next(choices.Count)];

    public string Serial(string pattern) => string.Create(pattern.Length, (pattern, Random), static (span, state) =>
    {
        const string Letters = "ABCDEFGHJKLMNPRSTUVWXYZ";
        const string Alphanumerics = "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ";
        const string Hex = "0123456789ABCDEF";
        for (var i = 0; i < span.Length; i++)
        {
            span[i] = state.pattern[i] switch
            {
                '#' => (char)('0' + state.Random.Next(10)),
                'X' => Hex[state.Random.Next(Hex.Length)],
                '?' => Letters[state.Random.Next(Letters.Length)],
                '*' => Alphanumerics[state.Random.Next(Alphanumerics.Length)],
                var literal => literal,
            };
        }
    });

    /// <summary>
    /// A MAC under the vendor's OUI. Each OUI counts up from a random start in small random steps, so addresses look
    /// like a vendor's production run and never repeat within a model.
    /// </summary>
    public string Mac(string oui)
    {
        if (!nextMacByOui.TryGetValue(oui, out var next))
        {
            next = (uint)Random.Next(0x10_0000, 0x80_0000);
        }

        next += (uint)Random.Next(1, 17);
        nextMacByOui[oui] = next;
        return string.Create(CultureInfo.InvariantCulture, $"{oui}:{(next >> 16) & 0xff:x2}:{(next >> 8) & 0xff:x2}:{next & 0xff:x2}");
    }

    public DateTimeOffset LastSeen() => DemoPlant.ReferenceInstant.AddMinutes(-Random.Next(0, 36 * 60));
}
