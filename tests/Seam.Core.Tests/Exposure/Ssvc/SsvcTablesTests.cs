using System.Text.Json;
using System.Text.RegularExpressions;
using Seam.Exposure.Ssvc;

namespace Seam.Core.Tests.Exposure.Ssvc;

public class SsvcTablesTests
{
    [Fact]
    public void Every_cisa_coordinator_row_of_the_corpus_is_answered_identically_with_its_row_number()
    {
        var corpus = SsvcCorpus.Cisa();
        Assert.Equal(36, corpus.Count);
        foreach (var ((e, a, ti, mwi), expected) in corpus)
        {
            var answer = SsvcTables.Cisa(e, a, ti, mwi);
            Assert.Equal((expected.Outcome, expected.Row), (answer.Outcome, answer.Row));
            Assert.Equal($"CISA coordinator 2.0.3 row {expected.Row}", answer.Citation);
        }
    }

    [Fact]
    public void Every_deployer_row_of_the_corpus_is_answered_identically_with_its_row_number()
    {
        var corpus = SsvcCorpus.Deployer();
        Assert.Equal(72, corpus.Count);
        foreach (var ((e, exp, a, hi), expected) in corpus)
        {
            var answer = SsvcTables.Deployer(e, exp, a, hi);
            Assert.Equal((expected.Outcome, expected.Row), (answer.Outcome, answer.Row));
        }
    }

    [Fact]
    public void Every_human_impact_row_of_the_corpus_is_answered_identically_with_its_row_number()
    {
        var corpus = SsvcCorpus.HumanImpactTable();
        Assert.Equal(16, corpus.Count);
        foreach (var ((si, mi), expected) in corpus)
        {
            var answer = SsvcTables.HumanImpact(si, mi);
            Assert.Equal((expected.Outcome, expected.Row), (answer.Outcome, answer.Row));
        }
    }

    [Fact]
    public void Every_mission_and_well_being_cell_follows_the_reference_table()
    {
        var cells = 0;
        foreach (var mp in Enum.GetValues<MissionPrevalence>())
        {
            foreach (var pwi in Enum.GetValues<PublicWellBeingImpact>())
            {
                Assert.Equal(SsvcCorpus.ReferenceMwi(mp, pwi), SsvcTables.MissionAndWellBeing(mp, pwi).Outcome);
                cells++;
            }
        }

        Assert.Equal(9, cells);
    }

    /// <summary>
    /// The CERT/CC decision point defines each MWI value by a condition on MP and PWI ("Mission Prevalence:Support AND
    /// Public Well-Being Impact:(Minimal OR Material)"). Where exactly one condition holds our table must agree; the one
    /// cell no condition covers (minimal × material) is taken from the CISA guide as medium.
    /// </summary>
    [Fact]
    public void The_mission_and_well_being_table_agrees_with_the_cert_decision_point_definitions()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(SsvcCorpus.MissionAndWellBeingPointPath));
        var definitions = json.RootElement.GetProperty("values").EnumerateArray()
            .Select(v => (Name: v.GetProperty("name").GetString()!, Condition: v.GetProperty("definition").GetString()!))
            .ToList();
        Assert.Equal(["Low", "Medium", "High"], definitions.Select(d => d.Name));

        var uncovered = new List<(MissionPrevalence, PublicWellBeingImpact)>();
        foreach (var mp in Enum.GetValues<MissionPrevalence>())
        {
            foreach (var pwi in Enum.GetValues<PublicWellBeingImpact>())
            {
                var values = new Dictionary<string, string>
                {
                    ["Mission Prevalence"] = mp.ToString(),
                    ["Public Well-Being Impact"] = pwi.ToString(),
                };
                var holding = definitions.Where(d => Holds(d.Condition, values)).Select(d => d.Name).ToList();
                var ours = SsvcTables.MissionAndWellBeing(mp, pwi).Outcome.ToString();
                if (holding.Count == 0)
                {
                    uncovered.Add((mp, pwi));
                    continue;
                }

                Assert.Single(holding);
                Assert.Equal(holding[0], ours);
            }
        }

        Assert.Equal([(MissionPrevalence.Minimal, PublicWellBeingImpact.Material)], uncovered);
        Assert.Equal(MissionAndWellBeing.Medium, SsvcTables.MissionAndWellBeing(MissionPrevalence.Minimal, PublicWellBeingImpact.Material).Outcome);
    }

    [Theory]
    [InlineData("cisa_coordinator_2_0_3.csv", "cisa")]
    [InlineData("deployer_patch_application_priority_1_0_0.csv", "ssvc")]
    [InlineData("human_impact_1_0_0.csv", "ssvc")]
    public void The_embedded_cert_tables_are_the_corpus_files_byte_for_byte(string file, string folder)
    {
        var definition = SsvcTableDefinition.All.Single(d => d.FileName == file);
        var corpus = File.ReadAllText(Seam.Testing.Corpus.SharedCorpus.Path("ssvc", "CERTCC-SSVC", "data", "csv", folder, file));
        Assert.Equal(corpus, SsvcTables.ReadText(definition));
    }

    [Fact]
    public void Exploitation_active_never_yields_defer()
    {
        foreach (var exp in Enum.GetValues<SystemExposure>())
        {
            foreach (var a in Enum.GetValues<Automatable>())
            {
                foreach (var hi in Enum.GetValues<HumanImpact>())
                {
                    Assert.NotEqual(DeployerDecision.Defer, SsvcTables.Deployer(Exploitation.Active, exp, a, hi).Outcome);
                }
            }
        }
    }

    [Fact]
    public void Exploitation_none_yields_defer_or_scheduled_except_open_automatable_very_high_impact()
    {
        foreach (var exp in Enum.GetValues<SystemExposure>())
        {
            foreach (var a in Enum.GetValues<Automatable>())
            {
                foreach (var hi in Enum.GetValues<HumanImpact>())
                {
                    var outcome = SsvcTables.Deployer(Exploitation.None, exp, a, hi).Outcome;
                    if (exp == SystemExposure.Open && a == Automatable.Yes && hi == HumanImpact.VeryHigh)
                    {
                        Assert.Equal(DeployerDecision.OutOfCycle, outcome);
                    }
                    else
                    {
                        Assert.Contains(outcome, new[] { DeployerDecision.Defer, DeployerDecision.Scheduled });
                    }
                }
            }
        }
    }

    /// <summary>SSVC tables are ordered: raising any one input by a step never lowers the outcome.</summary>
    [Fact]
    public void Raising_any_input_never_lowers_any_table_outcome()
    {
        var checkedPairs = 0;
        foreach (var definition in SsvcTableDefinition.All)
        {
            Assert.True(SsvcDecisionTable.TryParse(definition, SsvcTables.ReadText(definition), out var table, out var error), error?.ToString());
            foreach (var keys in Combinations(definition.Inputs))
            {
                var (outcome, _) = table.Lookup(keys);
                for (var i = 0; i < keys.Length; i++)
                {
                    if (keys[i] + 1 >= definition.Inputs[i].Values.Count)
                    {
                        continue;
                    }

                    var raised = (int[])keys.Clone();
                    raised[i]++;
                    var (higher, _) = table.Lookup(raised);
                    Assert.True(higher >= outcome, $"{definition.Title}: raising {definition.Inputs[i].Name} from [{string.Join(",", keys)}] lowers the outcome.");
                    checkedPairs++;
                }
            }
        }

        Assert.True(checkedPairs > 200);
    }

    internal static IEnumerable<int[]> Combinations(IReadOnlyList<SsvcDecisionPoint> inputs)
    {
        var keys = new int[inputs.Count];
        while (true)
        {
            yield return (int[])keys.Clone();
            var i = keys.Length - 1;
            while (i >= 0 && ++keys[i] == inputs[i].Values.Count)
            {
                keys[i] = 0;
                i--;
            }

            if (i < 0)
            {
                yield break;
            }
        }
    }

    // Evaluates "A:X AND B:(Y OR Z)" / "A:X OR B:(Y)" as the decision point JSON writes its definitions.
    private static bool Holds(string condition, IReadOnlyDictionary<string, string> values)
    {
        var clauses = Regex.Matches(condition, @"((AND|OR)\s+)?(?<name>[A-Za-z][A-Za-z -]*?):\s*(\((?<set>[^)]*)\)|(?<one>[A-Za-z-]+))");
        Assert.NotEmpty(clauses);
        var results = clauses.Select(c =>
        {
            var allowed = c.Groups["set"].Success
                ? c.Groups["set"].Value.Split(" OR ", StringSplitOptions.TrimEntries)
                : [c.Groups["one"].Value];
            return allowed.Contains(values[c.Groups["name"].Value.Trim()], StringComparer.OrdinalIgnoreCase);
        }).ToList();
        var topLevel = Regex.Replace(condition, @"\([^)]*\)", "()");
        return topLevel.Contains(" AND ", StringComparison.Ordinal) ? results.All(r => r) : results.Any(r => r);
    }
}
