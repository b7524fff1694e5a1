using Seam.Exposure.Model;
using Seam.Exposure.Ssvc;
using Seam.Inventory;
using static Seam.Core.Tests.Exposure.Ssvc.SsvcFixtures;

namespace Seam.Core.Tests.Exposure.Ssvc;

/// <summary>
/// Every combination of crafted evidence, vector, exposure and asset through <see cref="SsvcAssessor.Assess"/>: the
/// decision points must be the ones the data was crafted for, and both decisions must be the corpus CSV's row for them.
/// </summary>
public class SsvcEndToEndTests
{
    private static readonly (Exploitation Expected, ExploitEvidence Evidence)[] Evidence =
    [
        (Exploitation.None, new ExploitEvidence(EpssProbability: 0.01, CsafExploitStatus: "No known public exploitation specifically targeting this vulnerability has been reported to CISA at this time.")),
        (Exploitation.PublicPoc, new ExploitEvidence(CsafExploitStatus: "Exploit code is publicly available.")),
        (Exploitation.Active, new ExploitEvidence(InKev: true, KevDateAdded: new DateOnly(2025, 1, 7))),
    ];

    // Per CVSS version, a vector for each (Automatable, Technical Impact).
    private static readonly Dictionary<string, (Automatable A, TechnicalImpact TI, string Vector)[]> Vectors = new()
    {
        ["v3"] =
        [
            (Automatable.Yes, TechnicalImpact.Total, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"),
            (Automatable.Yes, TechnicalImpact.Partial, "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N"),
            (Automatable.No, TechnicalImpact.Total, "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:H/A:N"),
            (Automatable.No, TechnicalImpact.Partial, "CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:U/C:H/I:N/A:N"),
        ],
        ["v4"] =
        [
            (Automatable.Yes, TechnicalImpact.Total, "CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AU:Y"),
            (Automatable.Yes, TechnicalImpact.Partial, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:N/VA:N/SC:H/SI:H/SA:H"),
            (Automatable.No, TechnicalImpact.Total, "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AU:N"),
            (Automatable.No, TechnicalImpact.Partial, "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:L/VI:L/VA:L/SC:N/SI:N/SA:N"),
        ],
        ["v2"] =
        [
            (Automatable.Yes, TechnicalImpact.Total, "AV:N/AC:L/Au:N/C:C/I:C/A:C"),
            (Automatable.Yes, TechnicalImpact.Partial, "AV:N/AC:L/Au:N/C:P/I:P/A:P"),
            (Automatable.No, TechnicalImpact.Total, "AV:L/AC:L/Au:N/C:C/I:C/A:C"),
            (Automatable.No, TechnicalImpact.Partial, "AV:N/AC:L/Au:S/C:C/I:P/A:C"),
        ],
    };

    // (criticality, crown jewel, safety-relevant, kind) and the points they must give.
    private static readonly (int Criticality, bool Crown, bool Safety, AssetKind Kind, MissionPrevalence MP, PublicWellBeingImpact PWI, SafetyImpact SI, MissionImpact MI)[] Assets =
    [
        (1, false, false, AssetKind.Printer, MissionPrevalence.Minimal, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.Degraded),
        (2, false, false, AssetKind.Hmi, MissionPrevalence.Support, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.Degraded),
        (3, false, false, AssetKind.Historian, MissionPrevalence.Support, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.MefSupportCrippled),
        (4, false, false, AssetKind.ScadaServer, MissionPrevalence.Essential, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.MefFailure),
        (5, false, false, AssetKind.Plc, MissionPrevalence.Essential, PublicWellBeingImpact.Minimal, SafetyImpact.Marginal, MissionImpact.MissionFailure),
        (1, true, false, AssetKind.Server, MissionPrevalence.Essential, PublicWellBeingImpact.Material, SafetyImpact.Marginal, MissionImpact.Degraded),
        (2, true, false, AssetKind.EngineeringWorkstation, MissionPrevalence.Essential, PublicWellBeingImpact.Material, SafetyImpact.Marginal, MissionImpact.Degraded),
        (3, true, false, AssetKind.Plc, MissionPrevalence.Essential, PublicWellBeingImpact.Material, SafetyImpact.Marginal, MissionImpact.MefSupportCrippled),
        (4, true, false, AssetKind.Plc, MissionPrevalence.Essential, PublicWellBeingImpact.Material, SafetyImpact.Marginal, MissionImpact.MefFailure),
        (1, false, true, AssetKind.Drive, MissionPrevalence.Minimal, PublicWellBeingImpact.Irreversible, SafetyImpact.Critical, MissionImpact.Degraded),
        (3, false, true, AssetKind.Plc, MissionPrevalence.Support, PublicWellBeingImpact.Irreversible, SafetyImpact.Critical, MissionImpact.MefSupportCrippled),
        (4, false, true, AssetKind.FieldDevice, MissionPrevalence.Essential, PublicWellBeingImpact.Irreversible, SafetyImpact.Critical, MissionImpact.MefFailure),
        (5, false, true, AssetKind.Plc, MissionPrevalence.Essential, PublicWellBeingImpact.Irreversible, SafetyImpact.Critical, MissionImpact.MissionFailure),
        (1, false, true, AssetKind.SafetyController, MissionPrevalence.Minimal, PublicWellBeingImpact.Irreversible, SafetyImpact.Catastrophic, MissionImpact.Degraded),
        (2, false, true, AssetKind.SafetyController, MissionPrevalence.Support, PublicWellBeingImpact.Irreversible, SafetyImpact.Catastrophic, MissionImpact.Degraded),
        (3, false, true, AssetKind.SafetyController, MissionPrevalence.Support, PublicWellBeingImpact.Irreversible, SafetyImpact.Catastrophic, MissionImpact.MefSupportCrippled),
        (4, true, true, AssetKind.SafetyController, MissionPrevalence.Essential, PublicWellBeingImpact.Irreversible, SafetyImpact.Catastrophic, MissionImpact.MefFailure),
        (5, true, true, AssetKind.SafetyController, MissionPrevalence.Essential, PublicWellBeingImpact.Irreversible, SafetyImpact.Catastrophic, MissionImpact.MissionFailure),
        (2, false, false, AssetKind.SafetyController, MissionPrevalence.Support, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.Degraded),
    ];

    [Theory]
    [InlineData("v3")]
    [InlineData("v4")]
    [InlineData("v2")]
    public void Every_combination_of_crafted_evidence_decides_as_the_corpus_rows(string cvssVersion)
    {
        var cisa = SsvcCorpus.Cisa();
        var deployer = SsvcCorpus.Deployer();
        var humanImpact = SsvcCorpus.HumanImpactTable();
        var cisaRows = new HashSet<int>();
        var deployerRows = new HashSet<int>();
        var humanRows = new HashSet<int>();
        var failures = new List<string>();
        var cases = 0;

        foreach (var (e, evidence) in Evidence)
        {
            foreach (var (a, ti, vector) in Vectors[cvssVersion])
            {
                foreach (var exp in Enum.GetValues<SystemExposure>())
                {
                    foreach (var asset in Assets)
                    {
                        cases++;
                        var assessment = Assess(
                            Finding(vector, evidence),
                            Asset(asset.Criticality, asset.Crown, asset.Safety, asset.Kind),
                            exp,
                            $"System exposure {exp} as the graph found it.");

                        var (hi, hiRow) = humanImpact[(asset.SI, asset.MI)];
                        var mwi = SsvcCorpus.ReferenceMwi(asset.MP, asset.PWI);
                        var (cisaOutcome, cisaRow) = cisa[(e, a, ti, mwi)];
                        var (deployerOutcome, deployerRow) = deployer[(e, exp, a, hi)];
                        cisaRows.Add(cisaRow);
                        deployerRows.Add(deployerRow);
                        humanRows.Add(hiRow);

                        var expected = (e, a, ti, exp, asset.MP, asset.PWI, mwi, asset.SI, asset.MI, hi, cisaOutcome, deployerOutcome);
                        var actual = (assessment.Exploitation, assessment.Automatable, assessment.TechnicalImpact, assessment.SystemExposure,
                            assessment.MissionPrevalence, assessment.PublicWellBeing, assessment.MissionAndWellBeing, assessment.SafetyImpact,
                            assessment.MissionImpact, assessment.HumanImpact, assessment.Cisa, assessment.Deployer);
                        if (expected != actual)
                        {
                            failures.Add($"{vector} {evidence} {exp} {asset}: expected {expected}, got {actual}");
                        }

                        if (!assessment.Point("cisa:CISA:1.1.0").Why.StartsWith($"CISA coordinator 2.0.3 row {cisaRow}:", StringComparison.Ordinal) ||
                            !assessment.Point("ssvc:DSOI:1.0.0").Why.StartsWith($"CERT/CC deployer patch application priority 1.0.0 row {deployerRow}:", StringComparison.Ordinal))
                        {
                            failures.Add($"{vector} {evidence} {exp} {asset}: rows cited wrongly, expected {cisaRow} and {deployerRow}.");
                        }
                    }
                }
            }
        }

        Assert.Equal(3 * 4 * 3 * Assets.Length, cases);
        Assert.True(failures.Count == 0, string.Join('\n', failures.Take(20)));

        // The crafted data reaches every row of both decision tables. Of the human impact table it reaches all but
        // negligible × mission failure: criticality 5 makes the safety impact at least marginal by our rule.
        Assert.Equal(Enumerable.Range(0, 36), cisaRows.Order());
        Assert.Equal(Enumerable.Range(0, 72), deployerRows.Order());
        Assert.Equal(Enumerable.Range(0, 16).Except([humanImpact[(SafetyImpact.Negligible, MissionImpact.MissionFailure)].Row]), humanRows.Order());
    }
}
