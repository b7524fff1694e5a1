using System.Globalization;
using Seam.Exposure.Model;
using Seam.Inventory;
using Seam.Yaml;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Seam.Exposure.WhatIf;

/// <summary>Something wrong in a scenario file, at a place a person can go to.</summary>
/// <param name="Line">1-based.</param>
/// <param name="Column">1-based.</param>
public sealed record ScenarioProblem(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>The outcome of reading a scenario file: the scenario, or every problem found (never both).</summary>
public sealed record ScenarioParseResult
{
    public required string FileName { get; init; }

    public Scenario? Scenario { get; init; }

    public IReadOnlyList<ScenarioProblem> Problems { get; init; } = [];

    /// <summary>Where each action of <see cref="Scenario"/> starts in the file, in order.</summary>
    public IReadOnlyList<(int Line, int Column)> ActionPositions { get; init; } = [];

    public bool Succeeded => Scenario is not null && Problems.Count == 0;

    /// <summary>Places the validator's issues on the lines of the actions they concern.</summary>
    public IReadOnlyList<ScenarioProblem> Locate(IEnumerable<ScenarioIssue> issues) =>
        [.. issues.Select(i =>
        {
            var (line, column) = i.Action >= 1 && i.Action <= ActionPositions.Count ? ActionPositions[i.Action - 1] : (1, 1);
            return new ScenarioProblem(FileName, line, column, i.ToString());
        })];
}

/// <summary>
/// Reads what-if scenarios written in YAML (see docs/exposure-scenarios.md). Every problem names the file, line and
/// column and says what was expected; reading goes on after a problem so that one pass reports them all.
/// </summary>
public static class ScenarioYaml
{
    /// <summary>The action keys, as a scenario file spells them.</summary>
    public static IReadOnlyList<string> ActionKeys { get; } =
    [
        "patch-finding", "block-service", "remove-entry-point", "require-mfa", "isolate-asset", "add-conduit", "add-asset", "add-allow-rule", "add-solution",
    ];

    public static ScenarioParseResult Parse(string text, string fileName)
    {
        var reader = new Reader(new YamlProblems(fileName));
        return reader.problems.LoadSingleDocument(text, "a scenario with 'name' and 'actions'") is { } root
            ? reader.Read(root)
            : reader.Result();
    }

    /// <summary>The key a scenario file uses for an action of this type.</summary>
    public static string KeyOf(ScenarioAction action) => action switch
    {
        PatchFinding => "patch-finding",
        BlockConduitService => "block-service",
        RemoveEntryPoint => "remove-entry-point",
        RequireMfa => "require-mfa",
        IsolateAsset => "isolate-asset",
        AddConduit => "add-conduit",
        AddAsset => "add-asset",
        AddAllowRule => "add-allow-rule",
        AddSolution => "add-solution",
        _ => action.GetType().Name,
    };

    private sealed class Reader(YamlProblems problems)
    {
        public readonly YamlProblems problems = problems;
        private readonly List<(int, int)> positions = [];

        public ScenarioParseResult Result() => new() { FileName = problems.FileName, Problems = Converted() };

        private List<ScenarioProblem> Converted() => [.. problems.All.Select(p => new ScenarioProblem(p.File, p.Line, p.Column, p.Message))];

        public ScenarioParseResult Failed(Mark at, string message)
        {
            problems.Add(at, message);
            return Result();
        }

        public void Problem(YamlNode node, string message) => problems.Add(node, message);

        public ScenarioParseResult Read(YamlNode root)
        {
            if (root is not YamlMappingNode mapping)
            {
                return Failed(root.Start, "expected a mapping with 'name', an optional 'description' and 'actions'");
            }

            var map = new YamlMap(problems, mapping, "the scenario", ["name", "description", "actions"]);
            var name = map.Text("name", required: true);
            var description = map.Text("description");
            var actions = new List<ScenarioAction>();
            if (map.Sequence("actions", required: true) is { } list)
            {
                if (list.Children.Count == 0)
                {
                    Problem(list, $"'actions' is empty: expected at least one of {string.Join(", ", ActionKeys)}");
                }

                for (var i = 0; i < list.Children.Count; i++)
                {
                    if (Action(list.Children[i], i + 1) is { } action)
                    {
                        actions.Add(action);
                        positions.Add(((int)list.Children[i].Start.Line, (int)list.Children[i].Start.Column));
                    }
                }
            }

            return problems.All.Count > 0 || name is null
                ? Result()
                : new ScenarioParseResult { FileName = problems.FileName, Scenario = new Scenario(name, actions, description), ActionPositions = positions };
        }

        private ScenarioAction? Action(YamlNode node, int number)
        {
            if (node is not YamlMappingNode { Children.Count: 1 } mapping)
            {
                Problem(node, $"action {number}: expected one key naming the action ({string.Join(", ", ActionKeys)}) and its value");
                return null;
            }

            var (keyNode, value) = mapping.Children.First();
            var key = (keyNode as YamlScalarNode)?.Value ?? "";
            var what = $"action {number} ({key})";
            switch (key)
            {
                case "patch-finding":
                    return Id(value, what, "a finding id") is { } finding ? new PatchFinding(finding) : null;
                case "remove-entry-point":
                    return Id(value, what, "an entry point id") is { } entry ? new RemoveEntryPoint(entry) : null;
                case "isolate-asset":
                    return Id(value, what, "an asset id") is { } asset ? new IsolateAsset(asset) : null;
                case "block-service":
                    return BlockService(value, what);
                case "require-mfa":
                    return RequireMfa(value, what);
                case "add-conduit":
                    return Mapping(value, what, "the new conduit's id, site, from, to, services and direction") is { } c && Conduit(c, what) is { } conduit
                        ? new AddConduit(conduit) : null;
                case "add-asset":
                    return Mapping(value, what, "the new asset's id, site, zone, name, kind …") is { } a && Asset(a, what) is { } added ? new AddAsset(added) : null;
                case "add-allow-rule":
                    return Mapping(value, what, "the rule's id, site, from, to and services") is { } r && Rule(r, what) is { } rule ? new AddAllowRule(rule) : null;
                case "add-solution":
                    return Mapping(value, what, "the solution's name, assets, conduits, allow-rules and entry-points") is { } s ? Solution(s, what) : null;
                default:
                    Problem(keyNode, $"action {number}: '{key}' is not an action: expected one of {string.Join(", ", ActionKeys)}");
                    return null;
            }
        }

        private string? Id(YamlNode value, string what, string expected)
        {
            if (value is YamlScalarNode scalar && !YamlMap.IsNull(scalar))
            {
                return scalar.Value!.Trim();
            }

            Problem(value, $"{what}: expected {expected}");
            return null;
        }

        private YamlMappingNode? Mapping(YamlNode value, string what, string expected)
        {
            if (value is YamlMappingNode mapping)
            {
                return mapping;
            }

            Problem(value, $"{what}: expected a mapping with {expected}");
            return null;
        }

        private BlockConduitService? BlockService(YamlNode value, string what)
        {
            if (value is YamlScalarNode)
            {
                return Id(value, what, "a conduit id, or { conduit: <id>, service: <service> }") is { } id ? new BlockConduitService(id, null) : null;
            }

            if (Mapping(value, what, "conduit and an optional service") is not { } mapping)
            {
                return null;
            }

            var map = new YamlMap(problems, mapping, what, ["conduit", "service"]);
            var conduit = map.Text("conduit", required: true);
            var service = map.Service("service");
            return conduit is null || map.Failed ? null : new BlockConduitService(conduit, service);
        }

        private RequireMfa? RequireMfa(YamlNode value, string what)
        {
            if (value is YamlScalarNode)
            {
                return Id(value, what, "an entry point id, or { entry-point: <id>, on-demand: true }") is { } id ? new RequireMfa(id) : null;
            }

            if (Mapping(value, what, "entry-point and an optional on-demand") is not { } mapping)
            {
                return null;
            }

            var map = new YamlMap(problems, mapping, what, ["entry-point", "on-demand"]);
            var entry = map.Text("entry-point", required: true);
            var onDemand = map.Bool("on-demand") ?? false;
            return entry is null || map.Failed ? null : new RequireMfa(entry, onDemand);
        }

        private Conduit? Conduit(YamlMappingNode mapping, string what)
        {
            var map = new YamlMap(problems, mapping, what, ["id", "site", "name", "from", "to", "services", "direction", "enforced-by", "description"]);
            var id = map.Text("id", required: true);
            var site = map.Text("site", required: true);
            var name = map.Text("name");
            var from = map.Text("from", required: true);
            var to = map.Text("to", required: true);
            var services = map.Services("services", required: true);
            var direction = map.Enum("direction", ConduitDirection.Bidirectional, "one-way or bidirectional");
            var enforcedBy = map.Text("enforced-by");
            var description = map.Text("description");
            return map.Failed ? null : new Conduit
            {
                Id = id!,
                SiteId = site!,
                Name = name,
                FromZoneId = from!,
                ToZoneId = to!,
                Services = services,
                Direction = direction,
                EnforcedBy = enforcedBy,
                Description = description,
            };
        }

        private Asset? Asset(YamlMappingNode mapping, string what)
        {
            var map = new YamlMap(problems, mapping, what,
                ["id", "site", "zone", "name", "kind", "vendor", "product", "model", "version", "services", "criticality", "safety-relevant", "crown-jewel", "process-line", "addresses"]);
            var id = map.Text("id", required: true);
            var site = map.Text("site", required: true);
            var zone = map.Text("zone");
            var name = map.Text("name");
            var kind = map.Kind("kind");
            var vendor = map.Text("vendor");
            var product = map.Text("product");
            var model = map.Text("model");
            var version = map.Text("version");
            var services = map.Services("services", required: false);
            var criticality = map.Int("criticality", 1, 5) ?? 3;
            var safety = map.Bool("safety-relevant") ?? false;
            var crownJewel = map.Bool("crown-jewel") ?? false;
            var line = map.Text("process-line");
            var addresses = map.Texts("addresses");
            return map.Failed ? null : new Asset
            {
                Id = id!,
                SiteId = site!,
                ZoneId = zone,
                Name = name ?? id!,
                Kind = kind ?? AssetKind.Other,
                Vendor = vendor,
                Product = product,
                Model = model,
                Version = version,
                Services = services,
                Criticality = criticality,
                SafetyRelevant = safety,
                IsCrownJewel = crownJewel,
                ProcessLine = line,
                Addresses = addresses,
                Source = AssetSource.Manual,
            };
        }

        private AllowRule? Rule(YamlMappingNode mapping, string what)
        {
            var map = new YamlMap(problems, mapping, what, ["id", "site", "from", "to", "services", "description"]);
            var id = map.Text("id", required: true);
            var site = map.Text("site", required: true);
            var from = map.Text("from", required: true);
            var to = map.Text("to", required: true);
            var services = map.Services("services", required: true);
            var description = map.Text("description");
            return map.Failed ? null : new AllowRule { Id = id!, SiteId = site!, FromAssetId = from!, ToAssetId = to!, Services = services, Description = description };
        }

        private EntryPoint? Entry(YamlMappingNode mapping, string what)
        {
            var map = new YamlMap(problems, mapping, what, ["id", "site", "name", "kind", "zone", "vendor", "method", "targets", "mfa", "availability", "description"]);
            var id = map.Text("id", required: true);
            var site = map.Text("site", required: true);
            var name = map.Text("name");
            var kind = map.Enum("kind", EntryPointKind.VendorRemoteAccess, "internet, enterprise-it, vendor-remote-access or removable-media");
            var zone = map.Text("zone");
            var vendor = map.Text("vendor");
            var method = map.Text("method");
            var targets = map.Texts("targets");
            var mfa = map.Bool("mfa") ?? false;
            var availability = map.Enum("availability", RemoteAccessAvailability.AlwaysOn, "always-on or on-demand");
            var description = map.Text("description");
            return map.Failed ? null : new EntryPoint
            {
                Id = id!,
                SiteId = site!,
                Name = name ?? id!,
                Kind = kind,
                ZoneId = zone,
                Vendor = vendor,
                Method = method,
                TargetAssetIds = targets,
                MfaRequired = mfa,
                Availability = availability,
                Description = description,
            };
        }

        private AddSolution? Solution(YamlMappingNode mapping, string what)
        {
            var map = new YamlMap(problems, mapping, what, ["name", "description", "assets", "conduits", "allow-rules", "entry-points"]);
            var name = map.Text("name", required: true);
            map.Text("description");
            var assets = Items(map.Sequence("assets"), $"{what} asset", Asset);
            var conduits = Items(map.Sequence("conduits"), $"{what} conduit", Conduit);
            var rules = Items(map.Sequence("allow-rules"), $"{what} allow rule", Rule);
            var entries = Items(map.Sequence("entry-points"), $"{what} entry point", Entry);
            if (assets.Count + conduits.Count + rules.Count + entries.Count == 0 && !map.Failed)
            {
                Problem(mapping, $"{what}: a solution brings at least one asset, conduit, allow rule or entry point");
                return null;
            }

            return map.Failed || name is null ? null : new AddSolution(name, assets, conduits, rules, entries);
        }

        private List<T> Items<T>(YamlSequenceNode? sequence, string what, Func<YamlMappingNode, string, T?> read)
            where T : class
        {
            var items = new List<T>();
            if (sequence is null)
            {
                return items;
            }

            for (var i = 0; i < sequence.Children.Count; i++)
            {
                var label = $"{what} {i + 1}";
                if (Mapping(sequence.Children[i], label, "its fields") is { } mapping && read(mapping, label) is { } item)
                {
                    items.Add(item);
                }
            }

            return items;
        }
    }
}

/// <summary>Values of inventory types, read from a scenario's mappings.</summary>
internal static class ScenarioValues
{
    public static ServiceEndpoint? Service(this YamlMap map, string key)
    {
        if (map.Text(key) is not { } text)
        {
            return null;
        }

        if (ServiceEndpoint.TryParse(text, out var service, out var error))
        {
            return service;
        }

        map.Fail(map.At(key), $"{map.What}: {error}: expected {ServiceEndpoint.Expected}");
        return null;
    }

    public static IReadOnlyList<ServiceEndpoint> Services(this YamlMap map, string key, bool required)
    {
        if (!map.Has(key))
        {
            if (required)
            {
                map.Fail(map.KeyOrMapping(key), $"{map.What}: '{key}' is required: expected a list such as [modbus, https]");
            }

            return [];
        }

        var entry = map.At(key);
        var nodes = entry switch
        {
            YamlSequenceNode sequence => sequence.Children.ToList(),
            YamlScalarNode scalar => [scalar],
            _ => [],
        };
        if (nodes.Count == 0)
        {
            map.Fail(entry, $"{map.What}: '{key}' expects a list of services such as [modbus, https]");
        }

        var services = new List<ServiceEndpoint>();
        foreach (var node in nodes)
        {
            if (node is not YamlScalarNode scalar)
            {
                map.Fail(node, $"{map.What}: a service is a single value: expected {ServiceEndpoint.Expected}");
            }
            else if (ServiceEndpoint.TryParse(scalar.Value, out var service, out var error))
            {
                services.Add(service.Value);
            }
            else
            {
                map.Fail(node, $"{map.What}: {error}: expected {ServiceEndpoint.Expected}");
            }
        }

        return services;
    }

    public static AssetKind? Kind(this YamlMap map, string key)
    {
        if (map.Text(key) is not { } text)
        {
            return null;
        }

        if (AssetKinds.TryParse(text, out var kind))
        {
            return kind;
        }

        map.Fail(map.At(key), $"{map.What}: '{text}' is not {AssetKinds.Expected}");
        return null;
    }
}
