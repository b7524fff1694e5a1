using System.Globalization;

namespace Seam.Inventory.Demo;

/// <summary>How big one generated site is.</summary>
/// <param name="AreaCopies">How many times the site's production areas (levels 0–2 with their lines) are repeated.</param>
/// <param name="DeviceFactor">Multiplies every role that has more than one unit (I/O, drives, office PCs …); single units such as the batch server stay single.</param>
/// <param name="WithDeliberateSmells">Whether the site carries the demo's deliberate policy smells; only the first copy of each site template does.</param>
internal readonly record struct SiteShape(int AreaCopies, double DeviceFactor, bool WithDeliberateSmells)
{
    public static SiteShape Demo { get; } = new(1, 1.0, true);
}

/// <summary>Adds one site's zones, conduits and entry points; ids are prefixed with the site id.</summary>
internal sealed class SiteBuilder(DemoBuilder model, string id, string code, int siteOctet, SiteShape shape)
{
    private readonly Dictionary<string, int> nextNumberByTag = new(StringComparer.Ordinal);

    public string Id => id;

    public SiteShape Shape => shape;

    public DemoBuilder Model => model;

    public string ItTeam => id + ".it";

    public string OtTeam => id + ".ot";

    /// <summary>"" for the first copy of an area, "-2", "-3" … for the copies a scaled site adds.</summary>
    public static string AreaSuffix(int area) => area == 0 ? string.Empty : "-" + (area + 1).ToString(CultureInfo.InvariantCulture);

    public ZoneBuilder Zone(string key, string name, PurdueLevel level, int targetSecurityLevel, int zoneOctet, string ownerTeamId,
        string description, string? processLine = null, decimal? downtimeCostPerHour = null, string? maintainerTeamId = null)
    {
        var addresses = model.Addresses.ForZone(siteOctet, zoneOctet);
        var zone = new Zone
        {
            Id = id + "." + key,
            SiteId = id,
            Name = name,
            Level = level,
            TargetSecurityLevel = targetSecurityLevel,
            Subnets = addresses.Subnets,
            OwnerTeamId = ownerTeamId,
            Description = description,
        };

        // Site-wide zones (operations and up) serve every area, so they grow with the number of areas too.
        var countFactor = level <= PurdueLevel.Supervisory ? shape.DeviceFactor : shape.DeviceFactor * shape.AreaCopies;
        var builder = new ZoneBuilder(this, zone, addresses, countFactor)
        {
            ProcessLine = processLine,
            DowntimeCostPerHour = downtimeCostPerHour,
            OwnerTeamId = ownerTeamId,
            MaintainerTeamId = maintainerTeamId ?? ownerTeamId,
        };
        model.Add(zone, builder);
        return builder;
    }

    /// <param name="from">The zone that opens connections (for a one-way conduit: the only one that sends).</param>
    public Conduit Conduit(string key, ZoneBuilder from, ZoneBuilder to, string services, string enforcedBy, string description,
        ConduitDirection direction = ConduitDirection.Bidirectional)
    {
        var conduit = new Conduit
        {
            Id = id + ".c." + key,
            SiteId = id,
            Name = $"{from.Zone.Name} → {to.Zone.Name}",
            FromZoneId = from.Zone.Id,
            ToZoneId = to.Zone.Id,
            Services = services.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ServiceEndpoint.Parse).ToArray(),
            Direction = direction,
            EnforcedBy = enforcedBy,
            Description = description,
        };
        model.Add(conduit);
        return conduit;
    }

    public EntryPoint EntryPoint(string key, string name, EntryPointKind kind, ZoneBuilder zone, string description,
        string? vendor = null, string? method = null, IEnumerable<Asset>? targets = null, bool mfa = false,
        RemoteAccessAvailability availability = RemoteAccessAvailability.AlwaysOn)
    {
        var entryPoint = new EntryPoint
        {
            Id = id + ".ep." + key,
            SiteId = id,
            Name = name,
            Kind = kind,
            ZoneId = zone.Zone.Id,
            Vendor = vendor,
            Method = method,
            TargetAssetIds = targets?.Select(a => a.Id).ToArray() ?? [],
            MfaRequired = mfa,
            Availability = availability,
            Description = description,
        };
        model.Add(entryPoint);
        return entryPoint;
    }

    /// <summary>Tag numbers as plants write them: PLC-R-101, HMI-E-104 …, counted per site and kind.</summary>
    internal string NextAssetId(AssetKind kind)
    {
        var tag = Tag(kind);
        var number = nextNumberByTag.GetValueOrDefault(tag, 101);
        nextNumberByTag[tag] = number + 1;
        return string.Create(CultureInfo.InvariantCulture, $"{tag}-{code}-{number}");
    }

    /// <summary>Describes a firewall or diode for a conduit's EnforcedBy, e.g. "FW-R-101 IDMZ firewall (Fortinet FG-100F)".</summary>
    public static string EnforcedBy(Asset device) => $"{device.Id} {device.Name} ({device.Vendor} {device.Model})";

    private static string Tag(AssetKind kind) => kind switch
    {
        AssetKind.Plc => "PLC",
        AssetKind.Rtu => "RTU",
        AssetKind.SafetyController => "SIS",
        AssetKind.Ied => "IED",
        AssetKind.Drive => "VFD",
        AssetKind.FieldDevice => "FD",
        AssetKind.Hmi => "HMI",
        AssetKind.EngineeringWorkstation => "EWS",
        AssetKind.Historian => "HIS",
        AssetKind.ScadaServer => "SCADA",
        AssetKind.OpcServer => "OPC",
        AssetKind.Switch => "SW",
        AssetKind.Router => "RTR",
        AssetKind.Firewall => "FW",
        AssetKind.DataDiode => "DD",
        AssetKind.JumpHost => "JMP",
        AssetKind.VpnGateway => "VPN",
        AssetKind.Server => "SRV",
        AssetKind.Workstation => "WS",
        AssetKind.Printer => "PRN",
        AssetKind.CloudConnector => "CC",
        AssetKind.CustomApplication => "APP",
        _ => "DEV",
    };
}

/// <summary>Adds assets to one zone; the zone's line, downtime cost and teams are the defaults for every asset in it.</summary>
internal sealed class ZoneBuilder(SiteBuilder site, Zone zone, AddressPlan.ZoneAddresses addresses, double countFactor)
{
    private (DemoProduct Product, string Name, int Criticality)? fieldDeviceForScale;
    private int scaleDevices;

    public Zone Zone => zone;

    public string? ProcessLine { get; init; }

    public decimal? DowntimeCostPerHour { get; init; }

    public required string OwnerTeamId { get; init; }

    public required string MaintainerTeamId { get; init; }

    public string NextAddress() => addresses.Next();

    /// <summary>Adds <paramref name="count"/> units (scaled when more than one); numbered "name 01", "name 02" … when several.</summary>
    public IReadOnlyList<Asset> Add(DemoProduct product, string name, int count = 1, int criticality = 3, bool crownJewel = false,
        bool safetyRelevant = false, string? notes = null, decimal? downtimeCostPerHour = null)
    {
        if (count == 1)
        {
            return [AddOne(product, name, criticality, crownJewel, safetyRelevant, notes, downtimeCostPerHour)];
        }

        site.Model.Tally.CountRepeated(count);
        var units = Math.Max(1, (int)(count * countFactor));
        if (fieldDeviceForScale is null && product.Kind is AssetKind.FieldDevice or AssetKind.Drive)
        {
            fieldDeviceForScale = (product, name, criticality);
        }

        var added = new Asset[units];
        for (var i = 0; i < units; i++)
        {
            var unitName = units == 1 ? name : string.Create(CultureInfo.InvariantCulture, $"{name} {i + 1:00}");
            added[i] = Create(product, unitName, criticality, crownJewel, safetyRelevant, notes, downtimeCostPerHour);
        }

        return added;
    }

    public Asset AddOne(DemoProduct product, string name, int criticality = 3, bool crownJewel = false, bool safetyRelevant = false,
        string? notes = null, decimal? downtimeCostPerHour = null)
    {
        site.Model.Tally.CountSingle(zone.Level);
        return Create(product, name, criticality, crownJewel, safetyRelevant, notes, downtimeCostPerHour);
    }

    private Asset Create(DemoProduct product, string name, int criticality, bool crownJewel, bool safetyRelevant, string? notes, decimal? downtimeCostPerHour)
    {
        var model = site.Model;
        var asset = new Asset
        {
            Id = site.NextAssetId(product.Kind),
            SiteId = site.Id,
            ZoneId = zone.Id,
            Name = name,
            Kind = product.Kind,
            Vendor = product.Vendor,
            Product = product.Product,
            Model = product.Model,
            Version = model.Pick(product.Versions),
            SerialNumber = model.Serial(product.SerialPattern),
            Addresses = [addresses.Next()],
            MacAddresses = product.Oui is null ? [] : [model.Mac(product.Oui)],
            Services = product.Services,
            OwnerTeamId = OwnerTeamId,
            MaintainerTeamId = MaintainerTeamId,
            Criticality = criticality,
            SafetyRelevant = safetyRelevant || product.Kind == AssetKind.SafetyController,
            ProcessLine = ProcessLine,
            DowntimeCostPerHour = downtimeCostPerHour ?? DowntimeCostPerHour,
            Patchability = product.Patchability,
            IsCrownJewel = crownJewel,
            Source = AssetSource.Demo,
            LastSeen = model.LastSeen(),
            Notes = notes,
        };

        // Derived from the drawn version after all draws, so the seed gives the same plant as before identifiers existed.
        asset.Identifiers = product.IdentifiersFor(asset.Version);
        model.Add(asset);
        return asset;
    }

    internal void AddFieldDeviceForScale()
    {
        var (product, name, criticality) = fieldDeviceForScale
            ?? throw new InvalidOperationException($"Zone '{zone.Id}' has no field device to repeat.");
        scaleDevices++;
        Create(product, string.Create(CultureInfo.InvariantCulture, $"{name} S{scaleDevices:000}"), criticality, crownJewel: false, safetyRelevant: false, notes: null, downtimeCostPerHour: null);
    }
}
