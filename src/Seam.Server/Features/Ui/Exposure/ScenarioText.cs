using System.Text;
using Seam.Exposure.WhatIf;

namespace Seam.Server.Features.Ui.Exposure;

/// <summary>A parsed scenario, or the problems (each naming its line) that stopped it.</summary>
public sealed record ScenarioParse(Scenario? Scenario, IReadOnlyList<string> Problems);

/// <summary>Scenarios as the YAML people edit in the what-if panel (the same format as <c>seam exposure whatif</c>).</summary>
public static class ScenarioText
{
    public const string Example = """
        name: my-scenario
        description: What if we patch one finding?
        actions:
          - patch: FINDING-ID
        """;

    public static ScenarioParse Parse(string yaml) =>
        new(null, ["Scenario YAML parsing is not wired yet (waits for ScenarioYaml)."]);

    public static string Write(Scenario scenario)
    {
        var text = new StringBuilder();
        text.Append("name: ").AppendLine(Quote(scenario.Name));
        if (scenario.Description is { } d)
        {
            text.Append("description: ").AppendLine(Quote(d));
        }

        text.AppendLine("actions:");
        foreach (var action in scenario.Actions)
        {
            text.AppendLine(action switch
            {
                PatchFinding p => $"  - patch: {Quote(p.FindingId)}",
                BlockConduitService b when b.Service is { } s => $"  - block-service: {{ conduit: {Quote(b.ConduitId)}, service: {Quote(s.ToString())} }}",
                BlockConduitService b => $"  - remove-conduit: {Quote(b.ConduitId)}",
                RemoveEntryPoint r => $"  - remove-entry-point: {Quote(r.EntryPointId)}",
                RequireMfa m => m.MakeOnDemand ? $"  - require-mfa: {{ entry-point: {Quote(m.EntryPointId)}, on-demand: true }}" : $"  - require-mfa: {Quote(m.EntryPointId)}",
                IsolateAsset i => $"  - isolate: {Quote(i.AssetId)}",
                _ => "  # " + action.Describe(),
            });
        }

        return text.ToString();
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            ? s
            : "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
