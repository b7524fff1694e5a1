using System.Globalization;
using Seam.Exposure.Model;
using Seam.Inventory;
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
        var reader = new Reader(fileName);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            return reader.Failed(e.Start, $"this is not valid YAML: {Plain(e)}");
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return reader.Failed(Mark.Empty, "the file is empty: expected a scenario with 'name' and 'actions'");
        }

        if (stream.Documents.Count > 1)
        {
            reader.Problem(stream.Documents[1].RootNode, "expected one scenario per file; this is a second YAML document");
        }

        return reader.Read(stream.Documents[0].RootNode);
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

    /// <summary>YamlDotNet's messages repeat the position; the problem already carries it.</summary>
    private static string Plain(YamlException e)
    {
        var message = e.Message;
        var close = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && close > 0 ? message[(close + 3)..] : message;
    }

    private sealed class Reader(string fileName)
    {
        private readonly List<ScenarioProblem> problems = [];
        private readonly List<(int, int)> positions = [];

        public ScenarioParseResult Failed(Mark at, string message)
        {
            Problem(at, message);
            return new ScenarioParseResult { FileName = fileName, Problems = problems };
        }

        public void Problem(Mark at, string message) =>
            problems.Add(new ScenarioProblem(fileName, Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), message));

        public void Problem(YamlNode node, string message) => Problem(node.Start, message);

        public ScenarioParseResult Read(YamlNode root)
        {
            if (root is not YamlMappingNode mapping)
            {
                return Failed(root.Start, "expected a mapping with 'name', an optional 'description' and 'actions'");
            }

            var map = new Map(this, mapping, "the scenario", ["name", "description", "actions"]);
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

            return problems.Count > 0 || name is null
                ? new ScenarioParseResult { FileName = fileName, Problems = problems }
                : new ScenarioParseResult { FileName = fileName, Scenario = new Scenario(name, actions, description), ActionPositions = positions };
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
            if (value is YamlScalarNode scalar && !IsNull(scalar))
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

            var map = new Map(this, mapping, what, ["conduit", "service"]);
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

            var map = new Map(this, mapping, what, ["entry-point", "on-demand"]);
            var entry = map.Text("entry-point", required: true);
            var onDemand = map.Bool("on-demand") ?? false;
            return entry is null || map.Failed ? null : new RequireMfa(entry, onDemand);
        }

        private Conduit? Conduit(YamlMappingNode mapping, string what)
        {
            var map = new Map(this, mapping, what, ["id", "site", "name", "from", "to", "services", "direction", "enforced-by", "description"]);
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
            var map = new Map(this, mapping, what,
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
            var map = new Map(this, mapping, what, ["id", "site", "from", "to", "services", "description"]);
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
            var map = new Map(this, mapping, what, ["id", "site", "name", "kind", "zone", "vendor", "method", "targets", "mfa", "availability", "description"]);
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
            var map = new Map(this, mapping, what, ["name", "description", "assets", "conduits", "allow-rules", "entry-points"]);
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

    /// <summary>Reads the keys of one mapping, reporting missing, malformed and unknown ones.</summary>
    private sealed class Map
    {
        private readonly Reader reader;
        private readonly YamlMappingNode mapping;
        private readonly string what;
        private readonly IReadOnlyList<string> allowed;
        private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> entries = new(StringComparer.Ordinal);

        public Map(Reader reader, YamlMappingNode mapping, string what, IReadOnlyList<string> allowed)
        {
            this.reader = reader;
            this.mapping = mapping;
            this.what = what;
            this.allowed = allowed;
            foreach (var (key, value) in mapping.Children)
            {
                if (key is not YamlScalarNode { Value: { } name } scalar)
                {
                    Fail(key, $"{what}: expected a plain key ({string.Join(", ", allowed)})");
                }
                else if (!allowed.Contains(name))
                {
                    Fail(key, $"{what}: unknown key '{name}': expected {string.Join(", ", allowed)}");
                }
                else
                {
                    entries[name] = (scalar, value);
                }
            }
        }

        public bool Failed { get; private set; }

        public string? Text(string key, bool required = false)
        {
            if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
            {
                if (required)
                {
                    Fail(entry.Key ?? (YamlNode)mapping, $"{what}: '{key}' is required");
                }

                return null;
            }

            if (entry.Value is YamlScalarNode scalar)
            {
                return scalar.Value!.Trim();
            }

            Fail(entry.Value, $"{what}: '{key}' expects a single value, not a list or mapping");
            return null;
        }

        public IReadOnlyList<string> Texts(string key)
        {
            if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
            {
                return [];
            }

            if (entry.Value is YamlSequenceNode sequence)
            {
                var texts = new List<string>();
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode scalar && !IsNull(scalar))
                    {
                        texts.Add(scalar.Value!.Trim());
                    }
                    else
                    {
                        Fail(item, $"{what}: each of '{key}' is a single value");
                    }
                }

                return texts;
            }

            return Text(key) is { } one ? [one] : [];
        }

        public YamlSequenceNode? Sequence(string key, bool required = false)
        {
            if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
            {
                if (required)
                {
                    Fail(entry.Key ?? (YamlNode)mapping, $"{what}: '{key}' is required: expected a list");
                }

                return null;
            }

            if (entry.Value is YamlSequenceNode sequence)
            {
                return sequence;
            }

            Fail(entry.Value, $"{what}: '{key}' expects a list (lines starting with '- ')");
            return null;
        }

        public bool? Bool(string key)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            switch (text.ToLowerInvariant())
            {
                case "true" or "yes" or "on":
                    return true;
                case "false" or "no" or "off":
                    return false;
                default:
                    Fail(entries[key].Value, $"{what}: '{key}' is '{text}': expected true or false");
                    return null;
            }
        }

        public int? Int(string key, int min, int max)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            {
                return value;
            }

            Fail(entries[key].Value, $"{what}: '{key}' is '{text}': expected a whole number from {min} to {max}");
            return null;
        }

        public ServiceEndpoint? Service(string key)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (ServiceEndpoint.TryParse(text, out var service, out var error))
            {
                return service;
            }

            Fail(entries[key].Value, $"{what}: {error}: expected {ServiceEndpoint.Expected}");
            return null;
        }

        public IReadOnlyList<ServiceEndpoint> Services(string key, bool required)
        {
            if (!entries.TryGetValue(key, out var entry) || entry.Value is YamlScalarNode s && IsNull(s))
            {
                if (required)
                {
                    Fail(entry.Key ?? (YamlNode)mapping, $"{what}: '{key}' is required: expected a list such as [modbus, https]");
                }

                return [];
            }

            var nodes = entry.Value switch
            {
                YamlSequenceNode sequence => sequence.Children.ToList(),
                YamlScalarNode scalar => [scalar],
                _ => [],
            };
            if (nodes.Count == 0)
            {
                Fail(entry.Value, $"{what}: '{key}' expects a list of services such as [modbus, https]");
            }

            var services = new List<ServiceEndpoint>();
            foreach (var node in nodes)
            {
                if (node is not YamlScalarNode scalar)
                {
                    Fail(node, $"{what}: a service is a single value: expected {ServiceEndpoint.Expected}");
                }
                else if (ServiceEndpoint.TryParse(scalar.Value, out var service, out var error))
                {
                    services.Add(service.Value);
                }
                else
                {
                    Fail(node, $"{what}: {error}: expected {ServiceEndpoint.Expected}");
                }
            }

            return services;
        }

        public AssetKind? Kind(string key)
        {
            if (Text(key) is not { } text)
            {
                return null;
            }

            if (AssetKinds.TryParse(text, out var kind))
            {
                return kind;
            }

            Fail(entries[key].Value, $"{what}: '{text}' is not {AssetKinds.Expected}");
            return null;
        }

        public T Enum<T>(string key, T fallback, string expected)
            where T : struct, System.Enum
        {
            if (Text(key) is not { } text)
            {
                return fallback;
            }

            var normalised = new string([.. text.Where(char.IsLetterOrDigit)]);
            foreach (var value in System.Enum.GetValues<T>())
            {
                if (string.Equals(value.ToString(), normalised, StringComparison.OrdinalIgnoreCase))
                {
                    return value;
                }
            }

            Fail(entries[key].Value, $"{what}: '{key}' is '{text}': expected {expected}");
            return fallback;
        }

        private void Fail(YamlNode node, string message)
        {
            Failed = true;
            reader.Problem(node, message);
        }
    }

    private static bool IsNull(YamlScalarNode scalar) =>
        scalar.Style == YamlDotNet.Core.ScalarStyle.Plain && (string.IsNullOrWhiteSpace(scalar.Value) || scalar.Value is "~" or "null" or "Null" or "NULL");
}
