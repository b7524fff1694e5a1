using System.CommandLine;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Governance.Policy;
using Seam.Storage;
using Seam.Yaml;

namespace Seam.Cli;

/// <summary><c>seam policy check</c>: reads a decision-rights policy and lists what it leaves open, against the stored plant and users.</summary>
internal static class PolicyCommands
{
    public static Command Create()
    {
        var command = new Command("policy", "Decision rights: who owns, approves, is consulted and informed, by scenario and scope (docs/governance.md)");
        command.Subcommands.Add(Check());
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
