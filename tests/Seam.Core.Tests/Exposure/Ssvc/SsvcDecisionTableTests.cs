using Seam.Exposure.Ssvc;

namespace Seam.Core.Tests.Exposure.Ssvc;

public class SsvcDecisionTableTests
{
    private static readonly SsvcTableDefinition HumanImpact = SsvcTableDefinition.HumanImpact;

    private static string Original => SsvcTables.ReadText(HumanImpact);

    [Fact]
    public void Every_embedded_table_reads_with_one_row_per_combination()
    {
        foreach (var definition in SsvcTableDefinition.All)
        {
            Assert.True(SsvcDecisionTable.TryParse(definition, SsvcTables.ReadText(definition), out var table, out var error), error?.ToString());
            Assert.Equal(definition.Inputs.Aggregate(1, (n, p) => n * p.Values.Count), table.Count);
        }
    }

    [Fact]
    public void Columns_are_found_by_header_name_whatever_their_order()
    {
        var text = """
            Human Impact v2.0.2,Mission Impact v2.0.0,row,Safety Impact v2.0.1
            low,degraded,0,negligible
            low,mef support crippled,1,negligible
            medium,mef failure,2,negligible
            very high,mission failure,3,negligible
            low,degraded,4,marginal
            low,mef support crippled,5,marginal
            medium,mef failure,6,marginal
            very high,mission failure,7,marginal
            medium,degraded,8,critical
            high,mef support crippled,9,critical
            high,mef failure,10,critical
            very high,mission failure,11,critical
            very high,degraded,12,catastrophic
            very high,mef support crippled,13,catastrophic
            very high,mef failure,14,catastrophic
            very high,mission failure,15,catastrophic
            """;

        Assert.True(SsvcDecisionTable.TryParse(HumanImpact, text, out var table, out var error), error?.ToString());
        var critical = SsvcDecisionPoint<SafetyImpact>.Ordinal(SafetyImpact.Critical);
        var crippled = SsvcDecisionPoint<MissionImpact>.Ordinal(MissionImpact.MefSupportCrippled);
        Assert.Equal((SsvcDecisionPoint<HumanImpact>.Ordinal(Seam.Exposure.Ssvc.HumanImpact.High), 9), table.Lookup([critical, crippled]));
    }

    [Fact]
    public void A_quoted_header_with_commas_names_one_column()
    {
        var text = SsvcTables.ReadText(SsvcTableDefinition.DeployerPatchApplicationPriority);
        Assert.Contains("\"Defer, Scheduled, Out-of-Cycle, Immediate v1.0.0\"", text, StringComparison.Ordinal);
        Assert.True(SsvcDecisionTable.TryParse(SsvcTableDefinition.DeployerPatchApplicationPriority, text, out var table, out var error), error?.ToString());
        Assert.Equal(72, table.Count);
    }

    public static TheoryData<string, string, int?, string> Corruptions() => new()
    {
        // name, line 9 (row 7) replaced, line, what the message must say
        { "unknown value", Original.Replace("7,marginal,mission failure,very high", "7,marginal,mission failure,extreme", StringComparison.Ordinal), 9, "'extreme' is not a value of Human Impact (ssvc:HI:2.0.2)" },
        { "unknown input", Original.Replace("7,marginal,mission failure", "7,marginal,mission falure", StringComparison.Ordinal), 9, "'mission falure' is not a value of Mission Impact" },
        { "duplicate combination", Original.Replace("7,marginal,mission failure", "7,marginal,mef failure", StringComparison.Ordinal), 9, "is already decided on line 8" },
        { "duplicate row id", Original.Replace("7,marginal,mission failure", "6,marginal,mission failure", StringComparison.Ordinal), 9, "row id 6 already used on line 8" },
        { "missing field", Original.Replace("7,marginal,mission failure,very high", "7,marginal,very high", StringComparison.Ordinal), 9, "expected 4 fields as in the header, found 3" },
        { "bad row id", Original.Replace("7,marginal,mission failure", "seven,marginal,mission failure", StringComparison.Ordinal), 9, "row id 'seven' is not a non-negative integer" },
        { "unclosed quote", Original.Replace("7,marginal,mission failure", "7,\"marginal,mission failure", StringComparison.Ordinal), 9, "quoted field is not closed" },
        { "missing row", Original.Replace("7,marginal,mission failure,very high\n", "", StringComparison.Ordinal), 16, "no row for safety impact marginal, mission impact mission failure" },
        { "wrong column version", Original.Replace("Mission Impact v2.0.0", "Mission Impact v1.0.0", StringComparison.Ordinal), 1, "is ssvc:MI:1.0.0; expected ssvc:MI:2.0.0" },
        { "missing column", Original.Replace("Safety Impact v2.0.1", "Safety v2.0.1", StringComparison.Ordinal), 1, "no column for ssvc:SI:2.0.1" },
        { "empty", "# only a comment\n", null, "the table is empty" },
    };

    [Theory]
    [MemberData(nameof(Corruptions))]
    public void A_corrupted_table_is_refused_with_its_file_and_line(string name, string text, int? line, string message)
    {
        Assert.False(SsvcDecisionTable.TryParse(HumanImpact, text, out var table, out var error), name);
        Assert.Null(table);
        Assert.Equal("human_impact_1_0_0.csv", error.File);
        Assert.Equal(line, error.Line);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.StartsWith(line is null ? "human_impact_1_0_0.csv: " : $"human_impact_1_0_0.csv:{line}: ", error.ToString(), StringComparison.Ordinal);
    }
}
