using System.Text;
using Seam.Exposure.Model;
using Seam.Exposure.WhatIf;

namespace Seam.Server.Features.Ui.Exposure;

/// <summary>A parsed scenario, or the problems (each naming its line) that stopped it.</summary>
public sealed record ScenarioParse(Scenario? Scenario, IReadOnlyList<string> Problems);

/// <summary>Scenarios as the YAML people edit in the what-if panel (the same format as <c>seam exposure whatif</c>).</summary>
public static class ScenarioText
{
    /// <summary>The name problems are reported against (there is no file behind the text area).</summary>
    public const string FileName = "scenario";

    public const string Example = """
        name: my-scenario
        description: What if we patch one finding?
        actions:
          - patch-finding: FINDING-ID
        """;

    /// <summary>Reads the YAML, then checks every id it names against the model the what-if runs on.</summary>
    public static ScenarioParse Parse(string yaml, ExposureInput current)
    {
        var parsed = ScenarioYaml.Parse(yaml, FileName);
        if (!parsed.Succeeded)
        {
            return new ScenarioParse(null, [.. parsed.Problems.Select(Describe)]);
        }

        var issues = ScenarioValidator.Check(parsed.Scenario!, current);
        return issues.Count > 0
            ? new ScenarioParse(null, [.. parsed.Locate(issues).Select(Describe)])
            : new ScenarioParse(parsed.Scenario, []);
    }

    private static string Describe(ScenarioProblem p) => p.Line > 0 ? $"line {p.Line}, column {p.Column}: {p.Message}" : p.Message;

    /// <summary>Writes a scenario in the format of docs/exposure-scenarios.md, so that it can be edited and run again.</summary>
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
            // The what-if panel only builds the removal actions; additions are typed by hand.
            text.AppendLine(action switch
            {
                PatchFinding p => $"  - patch-finding: {Quote(p.FindingId)}",
                BlockConduitService b when b.Service is { } s => $"  - block-service: {{ conduit: {Quote(b.ConduitId)}, service: {Quote(s.ToString())} }}",
                BlockConduitService b => $"  - block-service: {Quote(b.ConduitId)}",
                RemoveEntryPoint r => $"  - remove-entry-point: {Quote(r.EntryPointId)}",
                RequireMfa m => m.MakeOnDemand ? $"  - require-mfa: {{ entry-point: {Quote(m.EntryPointId)}, on-demand: true }}" : $"  - require-mfa: {Quote(m.EntryPointId)}",
                IsolateAsset i => $"  - isolate-asset: {Quote(i.AssetId)}",
                _ => "  # not written by the panel: " + action.Describe(),
            });
        }

        return text.ToString();
    }

    private static string Quote(string s) =>
        s.Length > 0 && s.All(c => char.IsLetterOrDigit(c) || c is '-' or '_' or '.' or '/')
            ? s
            : "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
