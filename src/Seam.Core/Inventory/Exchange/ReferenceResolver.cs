namespace Seam.Inventory.Exchange;

/// <summary>
/// Turns what incoming records say about sites, zones, teams and assets into ids: an id is taken as is, a name
/// (ignoring case) is looked up among the incoming and the stored records. What cannot be resolved is an error at its cell.
/// </summary>
internal sealed class ReferenceResolver(ImportState state)
{
    public void ResolveAll()
    {
        var sites = new Catalog("site");
        foreach (var s in state.Existing.Sites.Concat(state.Sites))
        {
            sites.Add(s.Id, s.Name, null);
        }

        var teams = new Catalog("team");
        foreach (var t in state.Existing.Teams.Concat(state.Teams))
        {
            teams.Add(t.Id, t.Name, null);
        }

        foreach (var p in state.People)
        {
            p.TeamId = Optional(teams, InventoryEntity.Person, p.Id, "team", p.TeamId, null);
        }

        foreach (var z in state.Zones)
        {
            z.SiteId = Required(sites, InventoryEntity.Zone, z.Id, "site", z.SiteId, null);
            z.OwnerTeamId = Optional(teams, InventoryEntity.Zone, z.Id, "owner", z.OwnerTeamId, null);
        }

        var zones = new Catalog("zone");
        foreach (var z in state.Existing.Zones.Concat(state.Zones))
        {
            zones.Add(z.Id, z.Name, z.SiteId);
        }

        foreach (var c in state.Conduits)
        {
            c.SiteId = Required(sites, InventoryEntity.Conduit, c.Id, "site", c.SiteId, null);
            c.FromZoneId = Required(zones, InventoryEntity.Conduit, c.Id, "from_zone", c.FromZoneId, c.SiteId);
            c.ToZoneId = Required(zones, InventoryEntity.Conduit, c.Id, "to_zone", c.ToZoneId, c.SiteId);
        }

        var defaultSite = state.Options.DefaultSiteId ?? sites.OnlyId;
        foreach (var a in state.Assets)
        {
            if (a.SiteId.Length == 0)
            {
                if (defaultSite is null)
                {
                    Report(InventoryEntity.Asset, a.Id, "site",
                        $"the row names no site and the import and inventory hold {sites.Count} sites, so none can be assumed",
                        "a Site/Plant column, or a default site for the import");
                }
                else
                {
                    a.SiteId = defaultSite;
                }
            }
            else
            {
                a.SiteId = Required(sites, InventoryEntity.Asset, a.Id, "site", a.SiteId, null);
            }

            a.ZoneId = Optional(zones, InventoryEntity.Asset, a.Id, "zone", a.ZoneId, a.SiteId);
            a.OwnerTeamId = Optional(teams, InventoryEntity.Asset, a.Id, "owner", a.OwnerTeamId, null);
            a.MaintainerTeamId = Optional(teams, InventoryEntity.Asset, a.Id, "maintainer", a.MaintainerTeamId, null);
        }

        var assets = new Catalog("asset");
        foreach (var a in state.Existing.Assets.Concat(state.Assets))
        {
            assets.Add(a.Id, a.Name, a.SiteId);
        }

        foreach (var e in state.EntryPoints)
        {
            e.SiteId = Required(sites, InventoryEntity.EntryPoint, e.Id, "site", e.SiteId, null);
            e.ZoneId = Optional(zones, InventoryEntity.EntryPoint, e.Id, "zone", e.ZoneId, e.SiteId);
            if (e.TargetAssetIds.Count > 0)
            {
                e.TargetAssetIds = e.TargetAssetIds.Select(t => Required(assets, InventoryEntity.EntryPoint, e.Id, "target_assets", t, e.SiteId)).ToList();
            }
        }
    }

    private string Required(Catalog catalog, InventoryEntity entity, string id, string field, string value, string? siteId) =>
        Optional(catalog, entity, id, field, value, siteId) ?? value;

    private string? Optional(Catalog catalog, InventoryEntity entity, string id, string field, string? value, string? siteId)
    {
        if (value is null)
        {
            return null;
        }

        if (catalog.TryResolve(value, siteId, out var resolved, out var problem, out var expected))
        {
            return resolved;
        }

        Report(entity, id, field, problem, expected);
        return value;
    }

    private void Report(InventoryEntity entity, string id, string field, string problem, string expected)
    {
        if (!state.SourceMap.TryGetOrigin(entity, id, out var origin))
        {
            return; // every incoming record has an origin; kept for safety rather than thrown
        }

        var at = origin.Locate(field);
        state.Errors.Add(new ImportError(origin.File, at.Line, at.Column, at.ColumnName ?? (at.JsonPath is null ? null : field), problem, expected, at.JsonPath));
    }

    private sealed class Catalog(string noun)
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);
        private readonly Dictionary<string, List<(string Id, string? Site)>> _byName = new(StringComparer.OrdinalIgnoreCase);
        private readonly List<(string Id, string Name)> _examples = [];

        public int Count => _ids.Count;

        /// <summary>The id when there is exactly one record.</summary>
        public string? OnlyId => _ids.Count == 1 ? _ids.First() : null;

        public void Add(string id, string name, string? site)
        {
            if (_ids.Add(id) && _examples.Count < 5)
            {
                _examples.Add((id, name));
            }

            var sameName = _byName.TryGetValue(name, out var list) ? list : _byName[name] = [];
            sameName.RemoveAll(e => e.Id == id);
            sameName.Add((id, site));
        }

        public bool TryResolve(string value, string? siteId, out string id, out string problem, out string expected)
        {
            id = value;
            problem = expected = string.Empty;
            if (_ids.Contains(value))
            {
                return true;
            }

            if (_byName.TryGetValue(value, out var named))
            {
                var candidates = named.Count > 1 && siteId is not null ? named.Where(n => n.Site == siteId).ToList() : named;
                if (candidates.Count == 1)
                {
                    id = candidates[0].Id;
                    return true;
                }

                problem = $"'{value}' is the name of {named.Count} {noun}s ({string.Join(", ", named.Select(n => n.Id))})";
                expected = $"the {noun}'s id";
                return false;
            }

            problem = $"'{value}' is not a known {noun}";
            expected = _examples.Count == 0
                ? $"the id or name of a {noun}, but the import and the inventory have none"
                : $"the id or name of a {noun} in the import or the inventory, such as {string.Join(", ", _examples.Select(e => $"{e.Id} ({e.Name})"))}";
            return false;
        }
    }
}
