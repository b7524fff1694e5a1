using Seam.Exposure.Model;
using Seam.Exposure.Ssvc;
using Seam.Inventory;
using static Seam.Core.Tests.Exposure.Ssvc.SsvcFixtures;

namespace Seam.Core.Tests.Exposure.Ssvc;

public class SsvcRulesTests
{
    private const string V3NoExploitMaturity = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N";
    private const string V4Base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";

    public static TheoryData<string, string?, ExploitEvidence, Exploitation, string> ExploitationCases() => new()
    {
        { "KEV", V3NoExploitMaturity, new(InKev: true, KevDateAdded: new DateOnly(2024, 3, 1)), Exploitation.Active, "listed in CISA KEV since 2024-03-01" },
        { "KEV wins over a denial", V3NoExploitMaturity, new(InKev: true, CsafExploitStatus: "No known public exploitation has been reported."), Exploitation.Active, "CISA KEV" },
        { "CSAF in the wild", V3NoExploitMaturity, new(CsafExploitStatus: "Exploitation in the wild has been observed."), Exploitation.Active, "in the wild has been observed" },
        { "CSAF actively exploited", V3NoExploitMaturity, new(CsafExploitStatus: "Siemens is aware of this vulnerability being actively exploited."), Exploitation.Active, "actively exploited" },
        { "CSAF exploitation is occurring", V3NoExploitMaturity, new(CsafExploitStatus: "EXPLOITATION IS OCCURRING against exposed devices."), Exploitation.Active, "EXPLOITATION IS OCCURRING" },
        { "CSAF no known public exploitation", V3NoExploitMaturity, new(CsafExploitStatus: "No known public exploitation specifically targeting this vulnerability has been reported to CISA at this time. This vulnerability is not exploitable remotely."), Exploitation.None, "No known public exploitation" },
        { "CSAF not aware", V3NoExploitMaturity, new(CsafExploitStatus: "The vendor is not aware of active exploitation or of a public exploit."), Exploitation.None, "not aware" },
        { "CSAF negated after", V3NoExploitMaturity, new(CsafExploitStatus: "Exploitation in the wild has not been observed."), Exploitation.None, "has not been observed" },
        { "CSAF no reports", V3NoExploitMaturity, new(CsafExploitStatus: "There are no reports of exploitation in the wild."), Exploitation.None, "no reports" },
        { "CSAF negation elsewhere in the sentence", V3NoExploitMaturity, new(CsafExploitStatus: "The flaw does not need authentication and a public exploit exists."), Exploitation.PublicPoc, "public exploit exists" },
        { "CSAF could be exploited is no evidence", V3NoExploitMaturity, new(CsafExploitStatus: "This vulnerability could be exploited remotely."), Exploitation.None, "no exploitation or public exploit in the advisory" },
        { "CSAF Metasploit", V3NoExploitMaturity, new(CsafExploitStatus: "Reliable exploits integrated in Metasploit."), Exploitation.PublicPoc, "Metasploit" },
        { "CSAF proof of concept", V3NoExploitMaturity, new(CsafExploitStatus: "A proof-of-concept was published by the researcher."), Exploitation.PublicPoc, "proof-of-concept" },
        { "CSAF exploit code public", V3NoExploitMaturity, new(CsafExploitStatus: "Exploit code is publicly available and does not require authentication."), Exploitation.PublicPoc, "publicly available" },
        { "CSAF denial then poc", V3NoExploitMaturity, new(CsafExploitStatus: "No exploitation in the wild is known, but a PoC exists."), Exploitation.PublicPoc, "PoC" },
        { "CVSS v4 E:A", V4Base + "/E:A", ExploitEvidence.None, Exploitation.Active, "(E:A)" },
        { "CVSS v4 E:P", V4Base + "/E:P", ExploitEvidence.None, Exploitation.PublicPoc, "(E:P)" },
        { "CVSS v4 E:U", V4Base + "/E:U", ExploitEvidence.None, Exploitation.None, "no exploit maturity" },
        { "CVSS v3 E:H", V3NoExploitMaturity + "/E:H", ExploitEvidence.None, Exploitation.Active, "(E:H)" },
        { "CVSS v3 E:F", V3NoExploitMaturity + "/E:F", ExploitEvidence.None, Exploitation.PublicPoc, "(E:F)" },
        { "CVSS v3 E:P", V3NoExploitMaturity + "/E:P", ExploitEvidence.None, Exploitation.PublicPoc, "(E:P)" },
        { "CVSS v3 E:U", V3NoExploitMaturity + "/E:U", ExploitEvidence.None, Exploitation.None, "not in CISA KEV" },
        { "CVSS v2 E:POC", "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:POC", ExploitEvidence.None, Exploitation.PublicPoc, "(E:POC)" },
        { "EPSS 0.2", V3NoExploitMaturity, new(EpssProbability: 0.2), Exploitation.PublicPoc, "20%" },
        { "EPSS exactly at the threshold", V3NoExploitMaturity, new(EpssProbability: 0.10), Exploitation.PublicPoc, "10%" },
        { "EPSS 0.95 is still only poc", V3NoExploitMaturity, new(EpssProbability: 0.95), Exploitation.PublicPoc, "never makes it active" },
        { "EPSS 0.09", V3NoExploitMaturity, new(EpssProbability: 0.09), Exploitation.None, "EPSS 9% below 10%" },
        { "nothing at all", null, ExploitEvidence.None, Exploitation.None, "not in CISA KEV" },
    };

    [Theory]
    [MemberData(nameof(ExploitationCases))]
    public void Exploitation_is_read_from_kev_csaf_cvss_and_epss(string name, string? vector, ExploitEvidence evidence, Exploitation expected, string why)
    {
        var assessment = Assess(Finding(vector, evidence));

        Assert.True(expected == assessment.Exploitation, $"{name}: expected {expected}, got {assessment.Exploitation}");
        var point = assessment.Point("ssvc:E:1.1.0");
        Assert.Equal("Exploitation", point.Name);
        Assert.Equal(SsvcDecisionPoints.Exploitation.Spell(expected), point.Value);
        Assert.Contains(why, point.Why, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string?, Automatable, string> AutomatableCases() => new()
    {
        { V4Base + "/AU:Y", Automatable.Yes, "(AU:Y)" },
        { "CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:A/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/AU:Y", Automatable.Yes, "(AU:Y)" },
        { V4Base + "/AU:N", Automatable.No, "(AU:N)" },
        { V4Base, Automatable.Yes, "CISA's heuristic" },
        { "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N", Automatable.No, "attack requirements present (AT:P)" },
        { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Automatable.Yes, "no user interaction" },
        { "CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N", Automatable.Yes, "no privileges" },
        { "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", Automatable.No, "attack vector adjacent (AV:A)" },
        { "CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", Automatable.No, "attack complexity high (AC:H)" },
        { "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", Automatable.No, "privileges required (PR:L)" },
        { "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", Automatable.No, "user interaction required (UI:R)" },
        { "AV:N/AC:L/Au:N/C:P/I:P/A:P", Automatable.Yes, "CISA's heuristic" },
        { "AV:N/AC:M/Au:N/C:P/I:P/A:P", Automatable.No, "access complexity medium (AC:M)" },
        { null, Automatable.No, "no CVSS vector; not assumed automatable" },
        { "CVSS:3.1/AV:Q", Automatable.No, "could not be read" },
    };

    [Theory]
    [MemberData(nameof(AutomatableCases))]
    public void Automatable_comes_from_the_vector(string? vector, Automatable expected, string why)
    {
        var assessment = Assess(Finding(vector));

        Assert.Equal(expected, assessment.Automatable);
        var point = assessment.Point("ssvc:A:2.0.0");
        Assert.Equal(expected == Automatable.Yes ? "yes" : "no", point.Value);
        Assert.Contains(why, point.Why, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<string?, TechnicalImpact, string> TechnicalImpactCases() => new()
    {
        { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", TechnicalImpact.Total, "C:H/I:H/A:H" },
        { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:L", TechnicalImpact.Partial, "C:H/I:H/A:L" },
        { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:N/I:H/A:N", TechnicalImpact.Total, "scope changes" },
        { "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:L/A:H", TechnicalImpact.Partial, "falls short" },
        { V4Base, TechnicalImpact.Total, "VC:H/VI:H/VA:H" },
        { "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:L/VA:H/SC:H/SI:H/SA:H", TechnicalImpact.Partial, "VC:H/VI:L/VA:H" },
        { "AV:N/AC:L/Au:N/C:C/I:C/A:C", TechnicalImpact.Total, "C:C/I:C/A:C" },
        { "AV:N/AC:L/Au:N/C:P/I:P/A:P", TechnicalImpact.Partial, "C:P/I:P/A:P" },
        { null, TechnicalImpact.Partial, "total technical impact not assumed" },
    };

    [Theory]
    [MemberData(nameof(TechnicalImpactCases))]
    public void Technical_impact_comes_from_the_vector(string? vector, TechnicalImpact expected, string why)
    {
        var assessment = Assess(Finding(vector));

        Assert.Equal(expected, assessment.TechnicalImpact);
        var point = assessment.Point("ssvc:TI:1.0.0");
        Assert.Equal(expected == TechnicalImpact.Total ? "total" : "partial", point.Value);
        Assert.Contains(why, point.Why, StringComparison.OrdinalIgnoreCase);
    }

    public static TheoryData<int, bool, bool, AssetKind, MissionPrevalence, PublicWellBeingImpact, SafetyImpact, MissionImpact> AssetCases() => new()
    {
        // criticality, crown jewel, safety-relevant, kind → MP, PWI, SI, MI
        { 1, false, false, AssetKind.Printer, MissionPrevalence.Minimal, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.Degraded },
        { 2, false, false, AssetKind.Hmi, MissionPrevalence.Support, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.Degraded },
        { 3, false, false, AssetKind.Historian, MissionPrevalence.Support, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.MefSupportCrippled },
        { 4, false, false, AssetKind.ScadaServer, MissionPrevalence.Essential, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.MefFailure },
        { 5, false, false, AssetKind.Plc, MissionPrevalence.Essential, PublicWellBeingImpact.Minimal, SafetyImpact.Marginal, MissionImpact.MissionFailure },
        { 1, true, false, AssetKind.Server, MissionPrevalence.Essential, PublicWellBeingImpact.Material, SafetyImpact.Marginal, MissionImpact.Degraded },
        { 3, true, false, AssetKind.Plc, MissionPrevalence.Essential, PublicWellBeingImpact.Material, SafetyImpact.Marginal, MissionImpact.MefSupportCrippled },
        { 1, false, true, AssetKind.Drive, MissionPrevalence.Minimal, PublicWellBeingImpact.Irreversible, SafetyImpact.Critical, MissionImpact.Degraded },
        { 4, false, true, AssetKind.FieldDevice, MissionPrevalence.Essential, PublicWellBeingImpact.Irreversible, SafetyImpact.Critical, MissionImpact.MefFailure },
        { 2, false, true, AssetKind.SafetyController, MissionPrevalence.Support, PublicWellBeingImpact.Irreversible, SafetyImpact.Catastrophic, MissionImpact.Degraded },
        { 5, true, true, AssetKind.SafetyController, MissionPrevalence.Essential, PublicWellBeingImpact.Irreversible, SafetyImpact.Catastrophic, MissionImpact.MissionFailure },
        { 3, false, false, AssetKind.SafetyController, MissionPrevalence.Support, PublicWellBeingImpact.Minimal, SafetyImpact.Negligible, MissionImpact.MefSupportCrippled },
    };

    [Theory]
    [MemberData(nameof(AssetCases))]
    public void Mission_and_safety_points_come_from_the_asset(
        int criticality, bool crownJewel, bool safety, AssetKind kind, MissionPrevalence mp, PublicWellBeingImpact pwi, SafetyImpact si, MissionImpact mi)
    {
        var assessment = Assess(asset: Asset(criticality, crownJewel, safety, kind));

        Assert.Equal((mp, pwi, si, mi), (assessment.MissionPrevalence, assessment.PublicWellBeing, assessment.SafetyImpact, assessment.MissionImpact));
        Assert.Equal(SsvcDecisionPoints.MissionPrevalence.Spell(mp), assessment.Point("cisa:MP:1.0.0").Value);
        Assert.Equal(SsvcDecisionPoints.PublicWellBeing.Spell(pwi), assessment.Point("ssvc:PWI:1.1.0").Value);
        Assert.Equal(SsvcDecisionPoints.SafetyImpact.Spell(si), assessment.Point("ssvc:SI:2.0.1").Value);
        Assert.Equal(SsvcDecisionPoints.MissionImpact.Spell(mi), assessment.Point("ssvc:MI:2.0.0").Value);
        Assert.All(
            new[] { "cisa:MP:1.0.0", "ssvc:PWI:1.1.0", "ssvc:SI:2.0.1", "ssvc:MI:2.0.0" },
            id => Assert.StartsWith("PLC-07 (", assessment.Point(id).Why, StringComparison.Ordinal));
    }

    [Fact]
    public void A_safety_controller_is_catastrophic_and_says_why()
    {
        var assessment = Assess(asset: Asset(criticality: 4, safety: true, kind: AssetKind.SafetyController));

        Assert.Equal(SafetyImpact.Catastrophic, assessment.SafetyImpact);
        Assert.Equal("catastrophic", assessment.Point("ssvc:SI:2.0.1").Value);
        Assert.Contains("safety controller", assessment.Point("ssvc:SI:2.0.1").Why, StringComparison.Ordinal);
        Assert.Equal(HumanImpact.VeryHigh, assessment.HumanImpact);
        Assert.Equal("very high", assessment.Point("ssvc:HI:2.0.2").Value);
    }

    [Fact]
    public void System_exposure_is_the_graphs_with_its_reason()
    {
        var assessment = Assess(exposure: SystemExposure.Open, exposureWhy: "Reachable from the internet through the vendor VPN.");

        Assert.Equal(SystemExposure.Open, assessment.SystemExposure);
        var point = assessment.Point("ssvc:EXP:1.0.1");
        Assert.Equal(("System Exposure", "open", "Reachable from the internet through the vendor VPN."), (point.Name, point.Value, point.Why));
    }

    [Fact]
    public void Every_point_is_listed_once_in_table_reading_order_with_a_reason()
    {
        var assessment = Assess();

        Assert.Equal(
            ["ssvc:E:1.1.0", "ssvc:A:2.0.0", "ssvc:TI:1.0.0", "cisa:MP:1.0.0", "ssvc:PWI:1.1.0", "ssvc:MWI:1.0.0", "ssvc:EXP:1.0.1", "ssvc:SI:2.0.1", "ssvc:MI:2.0.0", "ssvc:HI:2.0.2", "cisa:CISA:1.1.0", "ssvc:DSOI:1.0.0"],
            assessment.Points.Select(p => p.Id));
        Assert.All(assessment.Points, p => Assert.False(string.IsNullOrWhiteSpace(p.Why)));
        Assert.All(assessment.Points, p => Assert.False(string.IsNullOrWhiteSpace(p.Name)));
    }

    [Fact]
    public void Table_points_cite_the_csv_row_they_were_read_from()
    {
        // Exploitation public poc (CSAF), automatable, total, crown jewel not safety → MWI high; EXP controlled; HI from
        // marginal × MEF failure = medium.
        var assessment = Assess(
            Finding(NetworkTotal, new ExploitEvidence(CsafExploitStatus: "Exploit code is publicly available.")),
            Asset(criticality: 4, crownJewel: true));

        Assert.Equal("CISA coordinator 2.0.3 row 23: exploitation public poc, automatable yes, technical impact total, mission and well-being impact high → attend.",
            assessment.Point("cisa:CISA:1.1.0").Why);
        Assert.Equal("CERT/CC deployer patch application priority 1.0.0 row 37: exploitation public poc, system exposure controlled, automatable yes, human impact medium → scheduled.",
            assessment.Point("ssvc:DSOI:1.0.0").Why);
        Assert.StartsWith("CERT/CC human impact 1.0.0 row 6: safety impact marginal, mission impact mef failure → medium", assessment.Point("ssvc:HI:2.0.2").Why, StringComparison.Ordinal);
        Assert.StartsWith("CISA mission and well-being impact 1.0.0 row 7: mission prevalence essential, public well-being impact material → high", assessment.Point("ssvc:MWI:1.0.0").Why, StringComparison.Ordinal);
    }

    [Fact]
    public void The_it_and_ot_sentences_name_the_decisions_and_what_they_mean()
    {
        var assessment = Assess(
            Finding(NetworkTotal, new ExploitEvidence(CsafExploitStatus: "A public PoC exists.")),
            Asset(criticality: 4, safety: true, kind: AssetKind.Plc),
            SystemExposure.Open);

        Assert.Equal((CisaDecision.Attend, DeployerDecision.OutOfCycle), (assessment.Cisa, assessment.Deployer));
        Assert.Equal(
            "CISA: Attend; deployer: Out-of-Cycle — exploitation public poc, automatable, total technical impact, system exposure open. " +
            "Attend means supervisors' attention, remediate sooner than standard timelines.",
            assessment.ForIt);
        Assert.Equal(
            "Safety impact critical (safety-relevant), mission impact MEF failure (criticality 4), system exposure open: " +
            "Out-of-Cycle — act at the next opportunity, not the next planned shutdown.",
            assessment.ForOt);
    }

    [Fact]
    public void Immediate_tells_the_plant_to_pause_operations_if_necessary()
    {
        var assessment = Assess(
            Finding(NetworkTotal, new ExploitEvidence(InKev: true)),
            Asset(criticality: 5, safety: true, kind: AssetKind.SafetyController),
            SystemExposure.Open);

        Assert.Equal((CisaDecision.Act, DeployerDecision.Immediate), (assessment.Cisa, assessment.Deployer));
        Assert.Contains("pausing operations if necessary", assessment.ForOt, StringComparison.Ordinal);
        Assert.StartsWith("CISA: Act; deployer: Immediate", assessment.ForIt, StringComparison.Ordinal);
    }
}
