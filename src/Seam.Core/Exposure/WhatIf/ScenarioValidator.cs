using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Exposure.WhatIf;

/// <summary>A scenario action that does not fit the model it is tried on.</summary>
/// <param name="Action">1-based number of the action in the scenario.</param>
/// <param name="Key">The action as a scenario file names it ("patch-finding").</param>
public sealed record ScenarioIssue(int Action, string Key, string Message)
{
    public override string ToString() => $"action {Action} ({Key}): {Message}";
}

/// <summary>
/// Checks a scenario against the model before it is tried: every id it names exists (or was added by an earlier
/// action), every id it adds is new, and what it blocks is there to block. A what-if on a typo would otherwise
/// report "no change" and be believed.
/// </summary>
public static class ScenarioValidator
{
    public static IReadOnlyList<ScenarioIssue> Check(Scenario scenario, ExposureInput input)
    {
        var model = new Known(input);
        var issues = new List<ScenarioIssue>();
        for (var i = 0; i < scenario.Actions.Count; i++)
        {
            var action = scenario.Actions[i];
            var key = ScenarioYaml.KeyOf(action);
            void Issue(string message) => issues.Add(new ScenarioIssue(i + 1, key, message));
            switch (action)
            {
                case PatchFinding p when !model.Findings.Contains(p.FindingId):
                    Issue($"there is no finding '{p.FindingId}'");
                    break;
                case BlockConduitService b:
                    CheckBlock(model, b, Issue);
                    break;
                case RemoveEntryPoint r when !model.Entries.ContainsKey(r.EntryPointId):
                    Issue($"there is no entry point or active access grant '{r.EntryPointId}'");
                    break;
                case RequireMfa m when !model.Entries.ContainsKey(m.EntryPointId):
                    Issue($"there is no entry point or active access grant '{m.EntryPointId}'");
                    break;
                case IsolateAsset a when !model.Assets.ContainsKey(a.AssetId):
                    Issue($"there is no asset '{a.AssetId}'");
                    break;
                case AddConduit c:
                    model.Add(c.Conduit, "", Issue);
                    break;
                case AddAsset a:
                    model.Add(a.Asset, "", Issue);
                    break;
                case AddAllowRule r:
                    model.Add(r.Rule, "", Issue);
                    break;
                case AddSolution s:
                    // Assets first: the solution's conduits, rules and entry points may name them.
                    foreach (var (asset, n) in s.Assets.Select((a, n) => (a, n + 1)))
                    {
                        model.Add(asset, $"asset {n}: ", Issue);
                    }

                    foreach (var (conduit, n) in s.Conduits.Select((c, n) => (c, n + 1)))
                    {
                        model.Add(conduit, $"conduit {n}: ", Issue);
                    }

                    foreach (var (rule, n) in s.AllowRules.Select((r, n) => (r, n + 1)))
                    {
                        model.Add(rule, $"allow rule {n}: ", Issue);
                    }

                    foreach (var (entry, n) in s.EntryPoints.Select((e, n) => (e, n + 1)))
                    {
                        model.Add(entry, $"entry point {n}: ", Issue);
                    }

                    break;
            }
        }

        return issues;
    }

    private static void CheckBlock(Known model, BlockConduitService block, Action<string> issue)
    {
        if (!model.Conduits.TryGetValue(block.ConduitId, out var conduit))
        {
            issue($"there is no conduit '{block.ConduitId}'");
        }
        else if (block.Service is { } service && !conduit.Services.Any(s => s.Covers(service) || service.Covers(s)))
        {
            issue($"conduit '{block.ConduitId}' does not carry {service}; it carries {(conduit.Services.Count == 0 ? "no service" : string.Join(", ", conduit.Services))}");
        }
    }

    /// <summary>The ids of the model, growing as the scenario adds things.</summary>
    private sealed class Known
    {
        public Known(ExposureInput input)
        {
            var inventory = input.Inventory;
            Sites = inventory.Sites.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
            Zones = ById(inventory.Zones, z => z.Id, z => z.SiteId);
            Assets = ById(inventory.Assets, a => a.Id, a => a.SiteId);
            Conduits = ById(inventory.Conduits, c => c.Id, c => c);
            Entries = ById(inventory.EntryPoints, e => e.Id, e => e.SiteId);
            foreach (var grant in input.AccessGrants.Where(g => g.IsActiveAt(input.At)))
            {
                Entries.TryAdd(grant.Id, grant.SiteId);
            }

            Rules = input.AllowRules.Select(r => r.Id).ToHashSet(StringComparer.Ordinal);
            Findings = input.Findings.Select(f => f.Id).ToHashSet(StringComparer.Ordinal);
        }

        public HashSet<string> Sites { get; }

        /// <summary>Zone id → site id.</summary>
        public Dictionary<string, string> Zones { get; }

        /// <summary>Asset id → site id.</summary>
        public Dictionary<string, string> Assets { get; }

        public Dictionary<string, Conduit> Conduits { get; }

        /// <summary>Entry point (or active grant) id → site id.</summary>
        public Dictionary<string, string> Entries { get; }

        public HashSet<string> Rules { get; }

        public HashSet<string> Findings { get; }

        public void Add(Asset asset, string prefix, Action<string> issue)
        {
            if (Assets.ContainsKey(asset.Id))
            {
                issue($"{prefix}asset id '{asset.Id}' is already taken");
            }

            if (Site(asset.SiteId, prefix, issue) && asset.ZoneId is { } zone)
            {
                Zone(zone, asset.SiteId, "zone", prefix, issue);
            }

            Assets.TryAdd(asset.Id, asset.SiteId);
        }

        public void Add(Conduit conduit, string prefix, Action<string> issue)
        {
            if (Conduits.ContainsKey(conduit.Id))
            {
                issue($"{prefix}conduit id '{conduit.Id}' is already taken");
            }

            if (Site(conduit.SiteId, prefix, issue))
            {
                Zone(conduit.FromZoneId, conduit.SiteId, "from", prefix, issue);
                Zone(conduit.ToZoneId, conduit.SiteId, "to", prefix, issue);
            }

            if (conduit.FromZoneId == conduit.ToZoneId)
            {
                issue($"{prefix}a conduit joins two different zones; 'from' and 'to' are both '{conduit.FromZoneId}'");
            }

            Conduits.TryAdd(conduit.Id, conduit);
        }

        public void Add(AllowRule rule, string prefix, Action<string> issue)
        {
            if (!Rules.Add(rule.Id))
            {
                issue($"{prefix}allow rule id '{rule.Id}' is already taken");
            }

            if (Site(rule.SiteId, prefix, issue))
            {
                Asset(rule.FromAssetId, "from", prefix, issue);
                Asset(rule.ToAssetId, "to", prefix, issue);
            }
        }

        public void Add(EntryPoint entry, string prefix, Action<string> issue)
        {
            if (Entries.ContainsKey(entry.Id))
            {
                issue($"{prefix}entry point id '{entry.Id}' is already taken");
            }

            if (Site(entry.SiteId, prefix, issue))
            {
                if (entry.ZoneId is { } zone)
                {
                    Zone(zone, entry.SiteId, "zone", prefix, issue);
                }

                foreach (var target in entry.TargetAssetIds)
                {
                    Asset(target, "targets", prefix, issue);
                }
            }

            Entries.TryAdd(entry.Id, entry.SiteId);
        }

        private bool Site(string site, string prefix, Action<string> issue)
        {
            if (Sites.Contains(site))
            {
                return true;
            }

            issue($"{prefix}there is no site '{site}'");
            return false;
        }

        private void Zone(string zone, string site, string field, string prefix, Action<string> issue)
        {
            if (!Zones.TryGetValue(zone, out var zoneSite))
            {
                issue($"{prefix}{field}: there is no zone '{zone}'");
            }
            else if (zoneSite != site)
            {
                issue($"{prefix}{field}: zone '{zone}' is on site '{zoneSite}', not on '{site}'");
            }
        }

        private void Asset(string asset, string field, string prefix, Action<string> issue)
        {
            if (!Assets.ContainsKey(asset))
            {
                issue($"{prefix}{field}: there is no asset '{asset}'");
            }
        }

        private static Dictionary<string, TValue> ById<T, TValue>(IEnumerable<T> items, Func<T, string> id, Func<T, TValue> value)
        {
            var map = new Dictionary<string, TValue>(StringComparer.Ordinal);
            foreach (var item in items)
            {
                map.TryAdd(id(item), value(item));
            }

            return map;
        }
    }
}
