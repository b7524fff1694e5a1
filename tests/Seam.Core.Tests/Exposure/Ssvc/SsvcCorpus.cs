using System.Text.RegularExpressions;
using Seam.Exposure.Ssvc;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Exposure.Ssvc;

/// <summary>
/// The CERT/CC decision tables read straight from the shared corpus, independently of the product's parser: the
/// expected side of every table test. Values are mapped to our enums by this file's own spelling lists.
/// </summary>
internal static partial class SsvcCorpus
{
    public static readonly string[] ExploitationValues = ["none", "public poc", "active"];
    public static readonly string[] SystemExposureValues = ["small", "controlled", "open"];
    public static readonly string[] AutomatableValues = ["no", "yes"];
    public static readonly string[] TechnicalImpactValues = ["partial", "total"];
    public static readonly string[] MissionAndWellBeingValues = ["low", "medium", "high"];
    public static readonly string[] HumanImpactValues = ["low", "medium", "high", "very high"];
    public static readonly string[] SafetyImpactValues = ["negligible", "marginal", "critical", "catastrophic"];
    public static readonly string[] MissionImpactValues = ["degraded", "mef support crippled", "mef failure", "mission failure"];
    public static readonly string[] CisaLevelsValues = ["track", "track*", "attend", "act"];
    public static readonly string[] DeployerPriorityValues = ["defer", "scheduled", "out-of-cycle", "immediate"];

    public static string CisaPath => SharedCorpus.Path("ssvc", "CERTCC-SSVC", "data", "csv", "cisa", "cisa_coordinator_2_0_3.csv");

    public static string DeployerPath => SharedCorpus.Path("ssvc", "CERTCC-SSVC", "data", "csv", "ssvc", "deployer_patch_application_priority_1_0_0.csv");

    public static string HumanImpactPath => SharedCorpus.Path("ssvc", "CERTCC-SSVC", "data", "csv", "ssvc", "human_impact_1_0_0.csv");

    public static string MissionAndWellBeingPointPath =>
        SharedCorpus.Path("ssvc", "CERTCC-SSVC", "data", "json", "decision_points", "ssvc", "mission_and_well_being_impact_1_0_0.json");

    /// <summary>(E, A, TI, MWI) → (CISA level, row id).</summary>
    public static IReadOnlyDictionary<(Exploitation, Automatable, TechnicalImpact, MissionAndWellBeing), (CisaDecision Outcome, int Row)> Cisa() =>
        Read(CisaPath, ["Exploitation v1.1.0", "Automatable v2.0.0", "Technical Impact v1.0.0", "Mission and Well-Being Impact v1.0.0"], "CISA Levels v1.1.0 (cisa)")
            .ToDictionary(
                r => (Of<Exploitation>(ExploitationValues, r.Inputs[0]), Of<Automatable>(AutomatableValues, r.Inputs[1]), Of<TechnicalImpact>(TechnicalImpactValues, r.Inputs[2]), Of<MissionAndWellBeing>(MissionAndWellBeingValues, r.Inputs[3])),
                r => (Of<CisaDecision>(CisaLevelsValues, r.Outcome), r.Row));

    /// <summary>(E, EXP, A, HI) → (deployer priority, row id).</summary>
    public static IReadOnlyDictionary<(Exploitation, SystemExposure, Automatable, HumanImpact), (DeployerDecision Outcome, int Row)> Deployer() =>
        Read(DeployerPath, ["Exploitation v1.1.0", "System Exposure v1.0.1", "Automatable v2.0.0", "Human Impact v2.0.2"], "Defer, Scheduled, Out-of-Cycle, Immediate v1.0.0")
            .ToDictionary(
                r => (Of<Exploitation>(ExploitationValues, r.Inputs[0]), Of<SystemExposure>(SystemExposureValues, r.Inputs[1]), Of<Automatable>(AutomatableValues, r.Inputs[2]), Of<HumanImpact>(HumanImpactValues, r.Inputs[3])),
                r => (Of<DeployerDecision>(DeployerPriorityValues, r.Outcome), r.Row));

    /// <summary>(SI, MI) → (HI, row id).</summary>
    public static IReadOnlyDictionary<(SafetyImpact, MissionImpact), (HumanImpact Outcome, int Row)> HumanImpactTable() =>
        Read(HumanImpactPath, ["Safety Impact v2.0.1", "Mission Impact v2.0.0"], "Human Impact v2.0.2")
            .ToDictionary(
                r => (Of<SafetyImpact>(SafetyImpactValues, r.Inputs[0]), Of<MissionImpact>(MissionImpactValues, r.Inputs[1])),
                r => (Of<HumanImpact>(HumanImpactValues, r.Outcome), r.Row));

    /// <summary>
    /// MWI as REFERENCE.md §7.5 writes out the CISA guide's table. The CERT/CC data has only the decision point, whose
    /// definitions the MWI test checks this against.
    /// </summary>
    public static MissionAndWellBeing ReferenceMwi(MissionPrevalence mp, PublicWellBeingImpact pwi) => (mp, pwi) switch
    {
        (MissionPrevalence.Minimal, PublicWellBeingImpact.Minimal) => MissionAndWellBeing.Low,
        (MissionPrevalence.Minimal, PublicWellBeingImpact.Material) => MissionAndWellBeing.Medium,
        (MissionPrevalence.Support, PublicWellBeingImpact.Minimal) => MissionAndWellBeing.Medium,
        (MissionPrevalence.Support, PublicWellBeingImpact.Material) => MissionAndWellBeing.Medium,
        _ => MissionAndWellBeing.High,
    };

    private sealed record CorpusRow(int Row, string[] Inputs, string Outcome);

    private static List<CorpusRow> Read(string path, string[] inputHeaders, string outcomeHeader)
    {
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var header = Fields(lines[0]);
        var inputColumns = inputHeaders.Select(h => IndexOrThrow(header, h, path)).ToArray();
        var outcomeColumn = IndexOrThrow(header, outcomeHeader, path);
        var rowColumn = IndexOrThrow(header, "row", path);
        return lines.Skip(1)
            .Select(Fields)
            .Select(f => new CorpusRow(int.Parse(f[rowColumn], System.Globalization.CultureInfo.InvariantCulture), inputColumns.Select(c => f[c]).ToArray(), f[outcomeColumn]))
            .ToList();
    }

    private static int IndexOrThrow(List<string> header, string name, string path)
    {
        var index = header.IndexOf(name);
        return index >= 0 ? index : throw new InvalidDataException($"{path}: no column '{name}' in [{string.Join(" | ", header)}].");
    }

    private static List<string> Fields(string line) =>
        CsvField().Matches(line).Select(m => m.Groups[1].Value.Trim('"').Replace("\"\"", "\"", StringComparison.Ordinal)).ToList();

    private static T Of<T>(string[] spellings, string text)
        where T : struct, Enum
    {
        var index = Array.IndexOf(spellings, text);
        return index >= 0 ? Enum.GetValues<T>()[index] : throw new InvalidDataException($"'{text}' is not one of {string.Join(", ", spellings)}.");
    }

    [GeneratedRegex("(?:^|,)(\"(?:[^\"]|\"\")*\"|[^,]*)")]
    private static partial Regex CsvField();
}
