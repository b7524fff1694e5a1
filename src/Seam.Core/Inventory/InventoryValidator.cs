using System.Net;
using System.Net.NetworkInformation;

namespace Seam.Inventory;

/// <summary>
/// Checks an inventory for data errors (refused) and policy smells (stored and flagged).
/// Pure: the same model always gives the same problems in the same order.
/// </summary>
public static class InventoryValidator
{
    public static IReadOnlyList<InventoryProblem> Validate(InventoryModel model)
    {
        var problems = new List<InventoryProblem>();
        var teams = Index(model.Teams, t => t.Id, InventoryEntity.Team, problems);
        Index(model.People, p => p.Id, InventoryEntity.Person, problems);
        var sites = Index(model.Sites, s => s.Id, InventoryEntity.Site, problems);
        var zones = Index(model.Zones, z => z.Id, InventoryEntity.Zone, problems);
        Index(model.Conduits, c => c.Id, InventoryEntity.Conduit, problems);
        var assets = Index(model.Assets, a => a.Id, InventoryEntity.Asset, problems);
        Index(model.EntryPoints, e => e.Id, InventoryEntity.EntryPoint, problems);

        foreach (var t in model.Teams)
        {
            RequireName(t.Name, InventoryEntity.Team, t.Id, problems);
        }

        foreach (var p in model.People)
        {
            RequireName(p.Name, InventoryEntity.Person, p.Id, problems);
            RequireRef(p.TeamId, teams, InventoryEntity.Person, p.Id, "team", "team", problems);
        }

        foreach (var s in model.Sites)
        {
            RequireName(s.Name, InventoryEntity.Site, s.Id, problems);
        }

        foreach (var z in model.Zones)
        {
            CheckZone(z, sites, teams, problems);
        }

        foreach (var c in model.Conduits)
        {
            CheckConduit(c, sites, zones, problems);
        }

        var zonesWithConduits = model.Conduits.SelectMany(c => new[] { c.FromZoneId, c.ToZoneId }).ToHashSet(StringComparer.Ordinal);
        var zonesPerSite = model.Zones.GroupBy(z => z.SiteId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        foreach (var z in model.Zones)
        {
            if (!zonesWithConduits.Contains(z.Id) && zonesPerSite.GetValueOrDefault(z.SiteId) > 1)
            {
                problems.Add(new(ProblemSeverity.Smell, "zone-without-conduits", InventoryEntity.Zone, z.Id, null,
                    $"Zone '{z.Name}' has no conduit to any other zone.",
                    "Either it is isolated (record that) or traffic crosses its boundary that no rule describes.",
                    "Undocumented paths into a zone are how remote access and malware reach the line unnoticed."));
            }
        }

        var addressOwners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var a in model.Assets)
        {
            CheckAsset(a, sites, zones, teams, addressOwners, problems);
        }

        foreach (var e in model.EntryPoints)
        {
            CheckEntryPoint(e, sites, zones, assets, problems);
        }

        return problems;
    }

    public static bool HasErrors(this IReadOnlyList<InventoryProblem> problems) =>
        problems.Any(p => p.Severity == ProblemSeverity.Error);

    private static void CheckZone(Zone z, Dictionary<string, Site> sites, Dictionary<string, Team> teams, List<InventoryProblem> problems)
    {
        RequireName(z.Name, InventoryEntity.Zone, z.Id, problems);
        RequireRef(z.SiteId, sites, InventoryEntity.Zone, z.Id, "site", "site", problems, required: true);
        RequireRef(z.OwnerTeamId, teams, InventoryEntity.Zone, z.Id, "owner", "team", problems);
        if (!Enum.IsDefined(z.Level))
        {
            problems.Add(Error("invalid-level", InventoryEntity.Zone, z.Id, "level", $"Purdue level {(int)z.Level} is not {PurdueLevels.Expected}."));
        }

        if (z.TargetSecurityLevel is < 1 or > 4)
        {
            problems.Add(Error("invalid-security-level", InventoryEntity.Zone, z.Id, "target_security_level",
                $"Target security level {z.TargetSecurityLevel} is outside IEC 62443's SL 1–4."));
        }

        foreach (var subnet in z.Subnets)
        {
            if (!IPNetwork.TryParse(subnet, out _))
            {
                problems.Add(Error("invalid-subnet", InventoryEntity.Zone, z.Id, "subnets",
                    $"'{subnet}' is not a subnet in CIDR notation such as 10.20.1.0/24."));
            }
        }

        if (z.OwnerTeamId is null)
        {
            problems.Add(new(ProblemSeverity.Smell, "zone-without-owner", InventoryEntity.Zone, z.Id, "owner",
                $"Zone '{z.Name}' has no owner team.",
                "Nobody is accountable for the rules at this zone's boundary.",
                "Nobody decides when a change in this area can happen or who must approve it."));
        }
    }

    private static void CheckConduit(Conduit c, Dictionary<string, Site> sites, Dictionary<string, Zone> zones, List<InventoryProblem> problems)
    {
        RequireRef(c.SiteId, sites, InventoryEntity.Conduit, c.Id, "site", "site", problems, required: true);
        var fromOk = RequireRef(c.FromZoneId, zones, InventoryEntity.Conduit, c.Id, "from_zone", "zone", problems, required: true);
        var toOk = RequireRef(c.ToZoneId, zones, InventoryEntity.Conduit, c.Id, "to_zone", "zone", problems, required: true);
        if (!fromOk || !toOk)
        {
            return;
        }

        if (c.FromZoneId == c.ToZoneId)
        {
            problems.Add(Error("conduit-to-itself", InventoryEntity.Conduit, c.Id, "to_zone", "A conduit must join two different zones."));
        }

        var from = zones[c.FromZoneId];
        var to = zones[c.ToZoneId];
        if (c.Services.Count == 0)
        {
            problems.Add(new(ProblemSeverity.Smell, "conduit-without-services", InventoryEntity.Conduit, c.Id, "services",
                $"Conduit {Describe(from)} → {Describe(to)} lists no services.",
                "A rule without services reads as 'any': nobody can review what it really allows.",
                "Without a list of services it is unclear which traffic the line depends on."));
        }

        if (CrossesDmzBoundary(from.Level, to.Level))
        {
            var intoControl = from.Level.IsControlLevel() || to.Level.IsControlLevel();
            problems.Add(new(ProblemSeverity.Smell, "conduit-bypasses-dmz", InventoryEntity.Conduit, c.Id, null,
                $"Conduit {Describe(from)} → {Describe(to)} joins enterprise and plant networks without passing the industrial DMZ (level 3.5).",
                "Enterprise malware and stolen credentials have a direct route into the plant; IT and OT traffic should meet only in brokered services in the DMZ.",
                intoControl
                    ? "Controllers and HMIs can be reached straight from the office network: one infected laptop can stop or manipulate the process."
                    : "Plant operations servers can be reached straight from the office network, one step away from the controllers."));
        }
    }

    private static void CheckAsset(Asset a, Dictionary<string, Site> sites, Dictionary<string, Zone> zones, Dictionary<string, Team> teams,
        Dictionary<string, string> addressOwners, List<InventoryProblem> problems)
    {
        RequireName(a.Name, InventoryEntity.Asset, a.Id, problems);
        RequireRef(a.SiteId, sites, InventoryEntity.Asset, a.Id, "site", "site", problems, required: true);
        var zoneOk = RequireRef(a.ZoneId, zones, InventoryEntity.Asset, a.Id, "zone", "zone", problems);
        RequireRef(a.OwnerTeamId, teams, InventoryEntity.Asset, a.Id, "owner", "team", problems);
        RequireRef(a.MaintainerTeamId, teams, InventoryEntity.Asset, a.Id, "maintainer", "team", problems);
        if (a.Criticality is < 1 or > 5)
        {
            problems.Add(Error("invalid-criticality", InventoryEntity.Asset, a.Id, "criticality", $"Criticality {a.Criticality} is outside 1 (low) to 5 (line stops)."));
        }

        if (a.DowntimeCostPerHour < 0)
        {
            problems.Add(Error("invalid-downtime-cost", InventoryEntity.Asset, a.Id, "downtime_cost_per_hour", "Downtime cost per hour cannot be negative."));
        }

        Zone? zone = zoneOk && a.ZoneId is not null ? zones[a.ZoneId] : null;
        if (zone is not null && zone.SiteId != a.SiteId)
        {
            problems.Add(Error("zone-in-other-site", InventoryEntity.Asset, a.Id, "zone", $"Zone '{zone.Id}' belongs to site '{zone.SiteId}', not to the asset's site '{a.SiteId}'."));
        }

        var subnets = zone?.Subnets.Select(s => IPNetwork.TryParse(s, out var n) ? n : (IPNetwork?)null).OfType<IPNetwork>().ToList() ?? [];
        foreach (var address in a.Addresses)
        {
            if (!IPAddress.TryParse(address, out var ip))
            {
                problems.Add(Error("invalid-address", InventoryEntity.Asset, a.Id, "addresses", $"'{address}' is not an IPv4 or IPv6 address."));
                continue;
            }

            if (subnets.Count > 0 && !subnets.Any(n => n.Contains(ip)))
            {
                problems.Add(new(ProblemSeverity.Smell, "address-outside-zone-subnets", InventoryEntity.Asset, a.Id, "addresses",
                    $"Address {address} of '{a.Name}' is outside the subnets of zone '{zone!.Name}' ({string.Join(", ", zone.Subnets)}).",
                    "The firewall rules for the zone will not apply to it; either the record or the network is wrong.",
                    "The device may be on a different network than the drawings say, so its real neighbours are unknown."));
            }

            if (addressOwners.TryGetValue(address, out var other) && other != a.Id)
            {
                problems.Add(new(ProblemSeverity.Smell, "duplicate-address", InventoryEntity.Asset, a.Id, "addresses",
                    $"Address {address} is recorded on both '{other}' and '{a.Id}'.",
                    "Findings and flows for this address cannot be attributed to one asset.",
                    "Two devices with one address is either a stale record or a conflict that can drop traffic on the line."));
            }
            else
            {
                addressOwners[address] = a.Id;
            }
        }

        foreach (var mac in a.MacAddresses)
        {
            if (!TryNormaliseMac(mac, out _))
            {
                problems.Add(Error("invalid-mac", InventoryEntity.Asset, a.Id, "mac_addresses", $"'{mac}' is not a MAC address such as 00:1b:1b:12:34:56."));
            }
        }

        foreach (var identifier in a.Identifiers)
        {
            if (!AssetIdentifiers.IsWellFormed(identifier))
            {
                problems.Add(Error("invalid-identifier", InventoryEntity.Asset, a.Id, "identifiers", $"'{identifier}' is not {AssetIdentifiers.Expected}."));
            }
        }

        if (a.OwnerTeamId is null)
        {
            problems.Add(new(ProblemSeverity.Smell, "asset-without-owner", InventoryEntity.Asset, a.Id, "owner",
                $"Asset '{a.Name}' has no owner team.",
                "Findings on it have nobody to route to; patches and access requests stall.",
                "Nobody decides when it may be touched or what its downtime costs."));
        }

        if (a.ZoneId is null)
        {
            problems.Add(new(ProblemSeverity.Smell, "asset-without-zone", InventoryEntity.Asset, a.Id, "zone",
                $"Asset '{a.Name}' is not placed in any zone.",
                "No conduit rule covers it, so its exposure cannot be judged.",
                "Its place in the plant's network is unknown."));
        }
    }

    private static void CheckEntryPoint(EntryPoint e, Dictionary<string, Site> sites, Dictionary<string, Zone> zones, Dictionary<string, Asset> assets, List<InventoryProblem> problems)
    {
        RequireName(e.Name, InventoryEntity.EntryPoint, e.Id, problems);
        RequireRef(e.SiteId, sites, InventoryEntity.EntryPoint, e.Id, "site", "site", problems, required: true);
        RequireRef(e.ZoneId, zones, InventoryEntity.EntryPoint, e.Id, "zone", "zone", problems);
        foreach (var target in e.TargetAssetIds)
        {
            RequireRef(target, assets, InventoryEntity.EntryPoint, e.Id, "target_assets", "asset", problems);
        }

        if (e.Kind == EntryPointKind.VendorRemoteAccess && !e.MfaRequired && e.Availability == RemoteAccessAvailability.AlwaysOn)
        {
            problems.Add(new(ProblemSeverity.Smell, "always-on-vendor-access-without-mfa", InventoryEntity.EntryPoint, e.Id, "mfa",
                $"Vendor access '{e.Name}'{(e.Vendor is null ? "" : " for " + e.Vendor)} is always on and needs no MFA.",
                "A stolen or reused vendor password is enough to enter the plant network at any hour.",
                "Anyone with the vendor's credentials can reach the target machines while the line runs, without anyone on site agreeing."));
        }
        else if (e.Kind == EntryPointKind.VendorRemoteAccess && !e.MfaRequired)
        {
            problems.Add(new(ProblemSeverity.Smell, "vendor-access-without-mfa", InventoryEntity.EntryPoint, e.Id, "mfa",
                $"Vendor access '{e.Name}' needs no MFA.",
                "A single stolen password opens the path whenever it is enabled.",
                "While the path is open, the vendor's account alone decides who reaches the machines."));
        }
    }

    /// <summary>Between enterprise (4–5) and plant (0–3) without the DMZ in between.</summary>
    public static bool CrossesDmzBoundary(PurdueLevel a, PurdueLevel b) =>
        (a.IsEnterpriseLevel() && b <= PurdueLevel.Operations) || (b.IsEnterpriseLevel() && a <= PurdueLevel.Operations);

    public static bool TryNormaliseMac(string text, out string normalised)
    {
        normalised = string.Empty;
        var hex = new string(text.Where(Uri.IsHexDigit).ToArray());
        var separators = text.Count(ch => ch is ':' or '-' or '.');
        if (hex.Length != 12 || hex.Length + separators != text.Trim().Length)
        {
            return false;
        }

        try
        {
            var bytes = PhysicalAddress.Parse(hex.ToUpperInvariant()).GetAddressBytes();
            normalised = string.Join(':', bytes.Select(b => b.ToString("x2", System.Globalization.CultureInfo.InvariantCulture)));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Describe(Zone z) => $"'{z.Name}' (level {z.Level.ToNumber()})";

    private static InventoryProblem Error(string code, InventoryEntity entity, string id, string? field, string message) =>
        new(ProblemSeverity.Error, code, entity, id, field, message);

    private static void RequireName(string? name, InventoryEntity entity, string id, List<InventoryProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            problems.Add(Error("missing-name", entity, id, "name", "A name is required."));
        }
    }

    private static bool RequireRef<T>(string? id, Dictionary<string, T> known, InventoryEntity entity, string entityId, string field, string what, List<InventoryProblem> problems, bool required = false)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            if (required)
            {
                problems.Add(Error($"missing-{what}", entity, entityId, field, $"A {what} is required."));
            }

            return false;
        }

        if (!known.ContainsKey(id))
        {
            problems.Add(Error($"unknown-{what}", entity, entityId, field, $"There is no {what} with id '{id}'."));
            return false;
        }

        return true;
    }

    private static Dictionary<string, T> Index<T>(IReadOnlyList<T> items, Func<T, string> id, InventoryEntity entity, List<InventoryProblem> problems)
    {
        var map = new Dictionary<string, T>(items.Count, StringComparer.Ordinal);
        foreach (var item in items)
        {
            var key = id(item);
            if (string.IsNullOrWhiteSpace(key))
            {
                problems.Add(Error("missing-id", entity, key ?? string.Empty, "id", "An id is required."));
            }
            else if (!map.TryAdd(key, item))
            {
                problems.Add(Error("duplicate-id", entity, key, "id", $"The id '{key}' is used by more than one {entity.ToString().ToLowerInvariant()}."));
            }
        }

        return map;
    }
}
