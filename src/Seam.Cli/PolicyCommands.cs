using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Governance.Policy;
using Seam.Storage;
using Seam.Yaml;

namespace Seam.Cli;

/// <summary>
/// <c>seam policy check</c> reads a decision-rights policy and lists what it leaves open, against the stored plant and
/// users; <c>publish</c> makes a file the current version and <c>show</c> prints a published one.
/// </summary>
internal static class PolicyCommands
{
    public static Command Create()
    {
        var command = new Command("policy", "Decision rights: who owns, approves, is consulted and informed, by scenario and scope (docs/governance.md)");
        command.Subcommands.Add(Check());
        command.Subcommands.Add(Publish());
        command.Subcommands.Add(Show());
        return command;
    }

    private static Command Check()
    {
        var file = new Argument<string>("policy") { Description = "A decision-rights policy file (YAML)" };
        var noPlant = new Option<bool>("--without-plant") { Description = "Check against Purdue levels only, without reading the stored sites, zones and users" };
        var command = new Command("check", "Validate a policy and list its gaps: parts of the plant nobody approves, teams without members, contradicting rules, escalation loops")
        {
            file, noPlant, CommonOptions.Json,
        };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file.");
                return ExitCodes.NotFound;
            }

            var parsed = PolicyYaml.Parse(await File.ReadAllTextAsync(path, ct), path);
            if (!parsed.Succeeded)
            {
                return Problems(parsed.Problems);
            }

            var policy = parsed.Policy!;
            IReadOnlyList<PolicyGap> gaps;
            if (parse.GetValue(noPlant))
            {
                gaps = PolicyCheck.Check(policy);
            }
            else
            {
                var database = CommonOptions.ResolveDatabase(parse);
                await SeamDbContextFactory.PrepareAsync(database, ct);
                var contexts = new SeamDbContextFactory(database);
                var plant = await new InventoryStore(contexts, TimeProvider.System).LoadAsync(ct);
                await using var db = contexts.Create();
                var users = (await db.Users.AsNoTracking().Where(u => !u.Disabled).Select(u => u.UserName).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
                gaps = PolicyCheck.Check(policy, plant, users);
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(new
                {
                    file = path,
                    version = policy.Version,
                    rules = policy.Rules.Count,
                    teams = policy.Teams.Count,
                    gaps = gaps.Select(g => new { kind = g.Kind.ToString(), message = g.Message, line = g.Line == 0 ? (int?)null : g.Line }),
                }, CliJson.Options));
            }
            else
            {
                Console.WriteLine($"{path}: policy v{policy.Version}, {policy.Teams.Count} team(s), {policy.Rules.Count} rule(s).");
                foreach (var gap in gaps)
                {
                    Console.WriteLine($"{(gap.Line > 0 ? $"{path}:{gap.Line}: " : string.Empty)}{Label(gap.Kind)}: {gap.Message}");
                }

                Console.WriteLine(gaps.Count == 0 ? "No gaps." : $"{gaps.Count} gap(s).");
            }

            return gaps.Count == 0 ? ExitCodes.Ok : ExitCodes.Failure;
        });
        return command;
    }

    private static Command Publish()
    {
        var file = new Argument<string>("policy") { Description = "A decision-rights policy file (YAML); its 'version' must be above the current one" };
        var actor = new Option<string?>("--as") { Description = "Record the publication as this Seam user (default: the operating-system user name)" };
        var command = new Command("publish", "Validate a policy and make it the current version; requests are routed by it from now on") { file, actor };
        command.SetAction(async (parse, ct) =>
        {
            var path = parse.GetValue(file)!;
            if (!File.Exists(path))
            {
                Console.Error.WriteLine($"{path}: no such file.");
                return ExitCodes.NotFound;
            }

            var service = await RequestCommands.OpenAsync(parse, ct);
            var result = await service.PublishPolicyAsync(await File.ReadAllTextAsync(path, ct), path, parse.GetValue(actor) is { Length: > 0 } a ? a : Environment.UserName, ct);
            if (result.Published is { } v)
            {
                Console.WriteLine($"Published {path} as policy v{v.Version}.");
                return ExitCodes.Ok;
            }

            if (result.Problems.Count > 0)
            {
                return Problems(result.Problems);
            }

            Console.Error.WriteLine($"{path}: {result.Refusal}");
            return ExitCodes.Failure;
        });
        return command;
    }

    private static Command Show()
    {
        var version = new Option<int?>("--version") { Description = "A published version (default: the current one)" };
        var command = new Command("show", "Print a published policy's YAML as it was published") { version, CommonOptions.Json };
        command.SetAction(async (parse, ct) =>
        {
            var service = await RequestCommands.OpenAsync(parse, ct);
            var wanted = parse.GetValue(version);
            var info = wanted is { } n ? await service.PolicyVersionAsync(n, ct) : (await service.CurrentPolicyAsync(ct))?.Publication;
            if (info is null)
            {
                Console.Error.WriteLine(wanted is null ? "No policy is published yet (seam policy publish FILE)." : $"No policy version {wanted}.");
                return ExitCodes.NotFound;
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                Console.WriteLine(JsonSerializer.Serialize(info, CliJson.Options));
            }
            else
            {
                Console.Error.WriteLine($"# policy v{info.Version}, published by {info.PublishedBy} on {info.PublishedAt:yyyy-MM-dd HH:mm} UTC");
                Console.Write(info.Yaml);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Label(PolicyGapKind kind) => kind switch
    {
        PolicyGapKind.NobodyApproves => "nobody approves",
        PolicyGapKind.TeamWithoutMembers => "team without members",
        PolicyGapKind.UnknownMember => "unknown member",
        PolicyGapKind.ContradictingRules => "contradicting rules",
        _ => "escalation loop",
    };

    private static int Problems(IReadOnlyList<YamlProblem> problems)
    {
        foreach (var problem in problems)
        {
            Console.Error.WriteLine(problem.ToString());
        }

        Console.Error.WriteLine($"{problems.Count} problem(s); the policy was not read.");
        return ExitCodes.InvalidInput;
    }
}
