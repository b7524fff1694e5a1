using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Seam.Exposure;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;
using Seam.Server.Features.Exposure;
using Seam.Storage;
using Seam.Storage.Exposure;
using Spectre.Console;

namespace Seam.Cli;

/// <summary><c>seam exposure</c>, <c>seam exposure whatif|plan|history</c>: the exposure engine from a shell, tables for people and JSON for scripts.</summary>
internal static class ExposureCommands
{
    private const int TopFindings = 10;

    public static Command Create()
    {
        var site = new Option<string?>("--site") { Description = "Only this site's scores, crown jewels, entry points and findings" };
        var command = new Command("exposure", "Crown jewels and how they are reached, exposure scores, choke points and the reachable findings that matter")
        {
            site, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var service = await ServiceAsync(parse, ct);
            var siteId = parse.GetValue(site);
            var analysis = await service.CurrentAsync(ct);
            if (siteId is not null && !analysis.Input.Inventory.Sites.Any(s => s.Id == siteId))
            {
                Console.Error.WriteLine($"--site: there is no site with id '{siteId}'.");
                return ExitCodes.NotFound;
            }

            var view = new VisibleExposure(analysis, siteId is null ? null : new HashSet<string>(StringComparer.Ordinal) { siteId });
            var summary = view.Summary();
            var top = view.Findings.Where(f => f.Verdict == FindingVerdict.ReachableAndExploitable)
                .OrderByDescending(f => f.StepLikelihood).ThenBy(f => f.FindingId, StringComparer.Ordinal).Take(TopFindings).Select(view.Item).ToList();
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new { summary, topFindings = top }, ExposureJson.Indented));
                return ExitCodes.Ok;
            }

            WriteSummary(summary, top, view);
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(WhatIf());
        command.Subcommands.Add(Plan());
        command.Subcommands.Add(History());
        return command;
    }

    private static async Task<ExposureService> ServiceAsync(ParseResult parse, CancellationToken ct)
    {
        var database = CommonOptions.ResolveDatabase(parse);
        await SeamDbContextFactory.PrepareAsync(database, ct);
        return new ExposureService(new SeamDbContextFactory(database), TimeProvider.System);
    }

    private static Command WhatIf()
    {
        var file = new Argument<string>("scenario") { Description = "A scenario file (YAML; see docs/exposure-scenarios.md)" };
        var command = new Command("whatif", "Try a scenario on a copy of the model and show what it changes; nothing is stored") { file, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file.");
                return ExitCodes.NotFound;
            }

            var parsed = ScenarioYaml.Parse(await File.ReadAllTextAsync(path, ct), path);
            if (!parsed.Succeeded)
            {
                return Problems(parsed.Problems);
            }

            var service = await ServiceAsync(parse, ct);
            var current = await service.CurrentAsync(ct);
            var issues = ScenarioValidator.Check(parsed.Scenario!, current.Input);
            if (issues.Count > 0)
            {
                return Problems(parsed.Locate(issues));
            }

            var result = ExposureEngine.WhatIf(current, parsed.Scenario!);
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(result, ExposureJson.Indented));
                return ExitCodes.Ok;
            }

            WriteWhatIf(result, AnalysisSites.Of(current));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static int Problems(IReadOnlyList<ScenarioProblem> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem.ToString());
        }

        Console.Error.WriteLine($"{problems.Count} problem(s); nothing was computed.");
        return ExitCodes.Usage;
    }

    private static Command Plan()
    {
        var budget = new Option<decimal?>("--budget") { Description = "Spend at most this much (site currency): plans the most exposure removed within it" };
        var goal = new Option<string?>("--goal")
        {
            Description = "cut-crown-jewels (default without --budget) or most-exposure-within-budget (default with --budget)",
        };
        var command = new Command("plan", "A remediation plan: the cheapest set of actions that cuts the crown jewels off, or the most exposure a budget removes")
        {
            budget, goal, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var limit = parse.GetValue(budget);
            if (limit is < 0)
            {
                Console.Error.WriteLine("--budget cannot be negative.");
                return ExitCodes.Usage;
            }

            var chosen = limit is null ? PlanGoal.CutCrownJewels : PlanGoal.MostExposureWithinBudget;
            if (parse.GetValue(goal) is { } text)
            {
                var key = new string([.. text.Where(char.IsLetterOrDigit)]);
                if (!Enum.TryParse(key, ignoreCase: true, out chosen) || !Enum.IsDefined(chosen) || int.TryParse(key, out _))
                {
                    Console.Error.WriteLine($"--goal: '{text}' is not a goal: use cut-crown-jewels or most-exposure-within-budget.");
                    return ExitCodes.Usage;
                }
            }

            if (chosen == PlanGoal.MostExposureWithinBudget && limit is null)
            {
                Console.Error.WriteLine("--goal most-exposure-within-budget needs --budget.");
                return ExitCodes.Usage;
            }

            var plan = await (await ServiceAsync(parse, ct)).PlanAsync(chosen, limit, ct);
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(plan, ExposureJson.Indented));
                return ExitCodes.Ok;
            }

            WritePlan(plan);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static Command History()
    {
        var site = new Option<string?>("--site") { Description = "A site's trend instead of the overall one" };
        var zone = new Option<string?>("--zone") { Description = "A zone's trend instead of the overall one" };
        var since = new Option<DateTimeOffset?>("--since") { Description = "Only points at or after this time (ISO 8601)" };
        var command = new Command("history", "The stored exposure scores, oldest first: one point per recompute that changed something")
        {
            site, zone, since, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var (scope, id) = parse.GetValue(zone) is { } z ? (ScoreScope.Zone, z) : parse.GetValue(site) is { } s ? (ScoreScope.Site, s) : (ScoreScope.Overall, (string?)null);
            var points = await (await ServiceAsync(parse, ct)).HistoryAsync(scope, id, parse.GetValue(since), ct);
            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(points, ExposureJson.Indented));
                return ExitCodes.Ok;
            }

            if (points.Count == 0)
            {
                Console.WriteLine("No exposure has been stored yet for this scope: run seam exposure (or seam demo) first.");
                return ExitCodes.Ok;
            }

            var table = new Table().Title(Markup.Escape($"Exposure history · {points[0].Name}"))
                .AddColumns("At (UTC)", "Score", "Reachable assets", "Manipulable", "Reachable findings", "Crown jewels reachable", "Trigger");
            foreach (var p in points)
            {
                table.AddRow(p.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), Score(p.Score), $"{p.ReachableAssets}/{p.Assets}",
                    p.ManipulableAssets.ToString(CultureInfo.InvariantCulture), p.ReachableFindings.ToString(CultureInfo.InvariantCulture),
                    p.CrownJewelsReachable.ToString(CultureInfo.InvariantCulture), Markup.Escape(p.Trigger));
            }

            AnsiConsole.Write(table);
            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteSummary(ExposureSummary summary, IReadOnlyList<ExposureFindingItem> top, VisibleExposure view)
    {
        var scores = new Table().Title("Exposure scores (0–100)").AddColumns("Scope", "Score", "Reachable assets", "Manipulable", "Reachable findings");
        foreach (var s in (summary.Overall is { } overall ? [overall] : Array.Empty<ExposureScore>()).Concat(summary.Sites))
        {
            scores.AddRow(Markup.Escape(s.Name), Score(s.Score), $"{s.ReachableAssets}/{s.Assets}", s.ManipulableAssets.ToString(CultureInfo.InvariantCulture),
                s.ReachableFindings.ToString(CultureInfo.InvariantCulture));
        }

        AnsiConsole.Write(scores);

        var jewels = new Table().Title("Crown jewels").AddColumns("Asset", "Reachable", "Likelihood", "Entry points", "Most likely path");
        foreach (var j in summary.CrownJewels.OrderByDescending(j => j.Likelihood).ThenBy(j => j.AssetId, StringComparer.Ordinal))
        {
            jewels.AddRow(Markup.Escape($"{j.Name} ({j.AssetId})"), j.Reachable ? (j.Manipulable ? "[red]yes, manipulable[/]" : "[red]yes[/]") : "[green]no[/]",
                Percent(j.Likelihood), j.EntryPointCount.ToString(CultureInfo.InvariantCulture), Markup.Escape(PathText(j.MostLikelyPath, view.Sites)));
        }

        AnsiConsole.Write(summary.CrownJewels.Count == 0 ? new Markup("No crown jewels are marked in the inventory.\n") : jewels);

        AnsiConsole.MarkupLine($"[bold]Choke points[/]: {Markup.Escape(summary.ChokePoints.Explanation)}");
        foreach (var e in summary.ChokePoints.Elements)
        {
            AnsiConsole.MarkupLine($"  • {Markup.Escape(e.Name)} [grey]({Markup.Escape(e.Key)})[/]");
        }

        var f = summary.Findings;
        AnsiConsole.MarkupLine($"[bold]Findings[/]: {f.ReachableAndExploitable} reachable and exploitable, {f.Theoretical} theoretical, {f.Closed} closed.");
        if (top.Count == 0)
        {
            return;
        }

        var findings = new Table().Title($"Top {top.Count} reachable findings").AddColumns("Vulnerability", "Asset", "Exploit step", "CISA", "Deployer", "Why");
        foreach (var item in top)
        {
            var e = item.Exposure;
            findings.AddRow(Markup.Escape(e.VulnerabilityId), Markup.Escape(item.AssetName), Percent(e.StepLikelihood),
                Markup.Escape(Kebab(e.Ssvc.Cisa.ToString())), Markup.Escape(Kebab(e.Ssvc.Deployer.ToString())), Markup.Escape(e.Reason));
        }

        AnsiConsole.Write(findings);
    }

    private static void WriteWhatIf(WhatIfResult result, AnalysisSites sites)
    {
        AnsiConsole.MarkupLine($"[bold]{Markup.Escape(result.Scenario.Name)}[/]");
        foreach (var action in result.Scenario.Actions)
        {
            AnsiConsole.MarkupLine($"  • {Markup.Escape(action.Describe())}");
        }

        var change = result.ScoreChange;
        var colour = change < 0 ? "green" : change > 0 ? "red" : "grey";
        AnsiConsole.MarkupLine($"Overall exposure {Score(result.ScoreBefore.Score)} → {Score(result.ScoreAfter.Score)} [{colour}]({change:+0.0;-0.0;±0})[/]");
        AnsiConsole.MarkupLine(Markup.Escape(result.Summary));
        foreach (var id in result.CrownJewelsCutOff)
        {
            AnsiConsole.MarkupLine($"  [green]cut off[/]: {Markup.Escape(Name(sites, id))}");
        }

        foreach (var id in result.CrownJewelsNewlyReachable)
        {
            AnsiConsole.MarkupLine($"  [red]newly reachable[/]: {Markup.Escape(Name(sites, id))}");
        }

        if (result.PathsRemoved.Count + result.PathsAdded.Count > 0)
        {
            var paths = new Table().Title("Crown-jewel paths").AddColumns("", "Crown jewel", "Path");
            foreach (var p in result.PathsRemoved)
            {
                paths.AddRow("[green]removed[/]", Markup.Escape(Name(sites, p.CrownJewelId)), Markup.Escape(PathText(p.Path, sites)));
            }

            foreach (var p in result.PathsAdded)
            {
                paths.AddRow("[red]added[/]", Markup.Escape(Name(sites, p.CrownJewelId)), Markup.Escape(PathText(p.Path, sites)));
            }

            AnsiConsole.Write(paths);
        }

        if (result.VerdictChanges.Count + result.SsvcChanges.Count > 0)
        {
            var findings = new Table().Title("Findings that change").AddColumns("Vulnerability", "Asset", "Verdict", "CISA", "Deployer");
            var ssvc = result.SsvcChanges.ToDictionary(s => s.FindingId, StringComparer.Ordinal);
            var verdicts = result.VerdictChanges.ToDictionary(v => v.FindingId, StringComparer.Ordinal);
            foreach (var id in verdicts.Keys.Union(ssvc.Keys).Order(StringComparer.Ordinal))
            {
                var v = verdicts.GetValueOrDefault(id);
                var s = ssvc.GetValueOrDefault(id);
                findings.AddRow(Markup.Escape(v?.VulnerabilityId ?? s!.VulnerabilityId), Markup.Escape(Name(sites, v?.AssetId ?? s!.AssetId)),
                    v is null ? "" : Markup.Escape($"{Kebab(v.Before.ToString())} → {Kebab(v.After.ToString())}"),
                    s is null || s.CisaBefore == s.CisaAfter ? "" : Markup.Escape($"{Kebab(s.CisaBefore.ToString())} → {Kebab(s.CisaAfter.ToString())}"),
                    s is null || s.DeployerBefore == s.DeployerAfter ? "" : Markup.Escape($"{Kebab(s.DeployerBefore.ToString())} → {Kebab(s.DeployerAfter.ToString())}"));
            }

            AnsiConsole.Write(findings);
        }

        if (result.LevelChanges.Count > 0)
        {
            var levels = new Table().Title("Assets whose exposure level changes").AddColumns("Asset", "Before", "After");
            foreach (var l in result.LevelChanges)
            {
                levels.AddRow(Markup.Escape(Name(sites, l.AssetId)), Kebab(l.Before.ToString()), Kebab(l.After.ToString()));
            }

            AnsiConsole.Write(levels);
        }
    }

    private static void WritePlan(RemediationPlan plan)
    {
        AnsiConsole.MarkupLine($"[bold]Plan[/] ({Kebab(plan.Goal.ToString())}{(plan.Budget is { } b ? $", budget {b.ToString("N0", CultureInfo.InvariantCulture)}" : "")}): "
            + $"{plan.Steps.Count} step(s), total cost {plan.TotalCost.ToString("N0", CultureInfo.InvariantCulture)}; "
            + $"exposure {Score(plan.ScoreBefore)} → {Score(plan.ScoreAfter)}"
            + (plan.CutsEveryCrownJewel ? "; every crown jewel is cut off" : "")
            + (plan.ProvenOptimal ? " (proven optimal)" : ""));
        AnsiConsole.MarkupLine(Markup.Escape(plan.Explanation));
        if (plan.Steps.Count == 0)
        {
            return;
        }

        var table = new Table().AddColumns("#", "Action", "Cost", "When", "Why");
        foreach (var step in plan.Steps.OrderBy(s => s.Order))
        {
            var when = step.When is { } at ? at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + (step.WindowName is { } w ? $" ({w})" : "") : "now";
            table.AddRow(step.Order.ToString(CultureInfo.InvariantCulture), Markup.Escape(step.Action.Title),
                step.Action.Cost.ToString("N0", CultureInfo.InvariantCulture), Markup.Escape(when), Markup.Escape(step.Why));
        }

        AnsiConsole.Write(table);
    }

    /// <summary>"Krones VPN → EWS-1 (CVE-2026-99001) → PLC-3 (unauthenticated modbus)": the entry, then each asset with the step that took it.</summary>
    internal static string PathText(AttackPath? path, AnalysisSites sites)
    {
        if (path is null)
        {
            return "—";
        }

        var parts = new List<string> { path.EntryPointName };
        string? asset = null;
        var steps = new List<string>();
        void Flush()
        {
            if (asset is not null)
            {
                parts.Add(steps.Count == 0 ? Name(sites, asset) : $"{Name(sites, asset)} ({string.Join(", ", steps)})");
            }
        }

        foreach (var hop in path.Hops.Where(h => h.AssetId is not null))
        {
            if (hop.AssetId != asset)
            {
                Flush();
                asset = hop.AssetId;
                steps = [];
            }

            var step = hop.Kind switch
            {
                HopKind.Exploit => hop.VulnerabilityId,
                HopKind.UnauthenticatedIcs => $"unauthenticated {hop.Service?.Protocol ?? hop.Service?.ToString() ?? "ICS"}",
                HopKind.ControllerCommand => "commands the process",
                HopKind.TrustedSession => "trusted session",
                _ => null,
            };
            if (step is not null && !steps.Contains(step))
            {
                steps.Add(step);
            }
        }

        Flush();
        return string.Join(" → ", parts);
    }

    private static string Name(AnalysisSites sites, string assetId) => sites.Assets.TryGetValue(assetId, out var a) ? a.Name : assetId;

    private static string Score(double score) => score.ToString("0.0", CultureInfo.InvariantCulture);

    private static string Percent(double p) => p <= 0 ? "–" : (p * 100).ToString(p < 0.01 ? "0.00" : "0", CultureInfo.InvariantCulture) + " %";

    private static string Kebab(string name) => JsonNamingPolicy.KebabCaseLower.ConvertName(name);
}
