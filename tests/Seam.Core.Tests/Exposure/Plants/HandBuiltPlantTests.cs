using Seam.Exposure;
using Seam.Intelligence.Findings;
using Seam.Inventory;
using static Seam.Inventory.AssetKind;

namespace Seam.Core.Tests.Exposure.Plants;

/// <summary>
/// Small plants whose right answers are worked out by hand in each test: likelihoods are the products of the figures
/// in docs/exposure.md (entry: internet 1, enterprise 0.5, vendor 0.5 × MFA 0.2 × on-demand 0.5; KEV 0.95, public
/// exploit 0.6, else EPSS floored at 0.1; unauthenticated ICS 0.9; engineering session 0.9; jump-host session 0.8).
/// </summary>
public sealed class HandBuiltPlantTests
{
    private const int Precision = 9;

    [Fact]
    public void A_data_diode_towards_IT_keeps_the_enterprise_away_from_the_controller()
    {
        // The only conduit is a one-way diode from OT to IT (historian replication): nothing flows from IT into OT.
        var analysis = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("hist", "it", Historian, "https")
            .Asset("plc", "ot", Plc, "modbus", criticality: 5, jewel: true)
            .Conduit("diode", "ot", "it", "udp/1-65535", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Finding("f-plc", "plc", kev: true)
            .Analyze();

        var plc = analysis.Jewel("plc");
        Assert.False(plc.Reachable);
        Assert.Null(plc.MostLikelyPath);
        Assert.Empty(plc.EntryPointIds);
        Assert.Equal(FindingVerdict.Theoretical, analysis.Finding("f-plc").Verdict);
        Assert.Contains("no entry point reaches PLC", analysis.Finding("f-plc").Reason, StringComparison.Ordinal);
        Assert.Equal(ExposureLevel.None, analysis.Asset("plc").Level);
        Assert.Equal(0, analysis.Report.Overall.Score);
    }

    [Fact]
    public void A_one_way_conduit_into_OT_still_carries_an_unauthenticated_Modbus_write()
    {
        // 0.5 (enterprise) × 0.9 (Modbus without authentication) = 0.45; no CVE is needed.
        var analysis = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", criticality: 5, jewel: true)
            .Conduit("in", "it", "ot", "modbus", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Analyze();

        var plc = analysis.Jewel("plc");
        Assert.True(plc.Reachable);
        Assert.True(plc.Manipulable);
        Assert.Equal(0.45, plc.Likelihood, Precision);
        Assert.Equal([HopKind.Entry, HopKind.Reach, HopKind.UnauthenticatedIcs], plc.MostLikelyPath!.Kinds());
        Assert.Equal("in", plc.MostLikelyPath!.Hops[1].ViaId);
        Assert.False(analysis.Asset("plc").Controllable);
    }

    [Fact]
    public void A_bidirectional_conduit_is_open_in_its_reverse_direction_too()
    {
        var analysis = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", jewel: true)
            .Conduit("from-ot", "ot", "it", "modbus")
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Analyze();

        var path = analysis.Jewel("plc").MostLikelyPath!;
        Assert.Equal(0.45, path.Likelihood, Precision);
        Assert.Contains("reverse direction", path.Hops[1].Why, StringComparison.Ordinal);

        var oneWay = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", jewel: true)
            .Conduit("from-ot", "ot", "it", "modbus", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Analyze();
        Assert.False(oneWay.Jewel("plc").Reachable);
    }

    private static TestPlant VendorPlant(bool mfa, RemoteAccessAvailability availability = RemoteAccessAvailability.AlwaysOn,
        bool safetyEngineering = true) => new TestPlant()
        .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l2", PurdueLevel.Supervisory).Zone("l1", PurdueLevel.BasicControl)
        .Asset("ews", "l2", EngineeringWorkstation, "rdp", safety: safetyEngineering)
        .Asset("sis", "l1", SafetyController, "opcua", criticality: 5, jewel: true, safety: true)
        .Conduit("eng", "l2", "l1", "opcua")
        .Entry("vendor-vpn", EntryPointKind.VendorRemoteAccess, "dmz", targets: "ews", mfa: mfa, availability: availability);

    [Fact]
    public void Vendor_vpn_without_mfa_reaches_the_safety_controller_through_the_engineering_workstation()
    {
        // Vendor path 0.5 → session on the EWS (1.0) → engineering session over opcua to the SIS (0.9) → its process (1.0).
        // OPC UA authenticates, so only the trusted engineering session gets there: 0.5 × 0.9 = 0.45.
        var analysis = VendorPlant(mfa: false).Analyze();

        var sis = analysis.Jewel("sis");
        Assert.True(sis.Reachable);
        Assert.Equal(0.45, sis.Likelihood, Precision);
        var path = sis.MostLikelyPath!;
        Assert.Equal("vendor-vpn", path.EntryPointId);
        Assert.Equal([HopKind.Entry, HopKind.TrustedSession, HopKind.TrustedSession, HopKind.ControllerCommand], path.Kinds());
        Assert.Equal(["ews", "sis"], path.AssetIds);
        Assert.Equal("eng", path.Hops[2].ViaId);
        Assert.Contains("no MFA", path.Hops[0].Why, StringComparison.Ordinal);
        Assert.Equal(AttackerState.CanManipulateProcess, path.Outcome);
        Assert.Equal(ExposureLevel.Critical, analysis.Asset("sis").Level);
    }

    [Fact]
    public void Only_the_safety_engineering_workstation_programs_the_safety_controller()
    {
        // The same plant with an ordinary engineering workstation: its sessions do not reach a safety controller
        // (IEC 61511 practice keeps SIS engineering on dedicated stations), and OPC UA authenticates.
        var analysis = VendorPlant(mfa: false, safetyEngineering: false).Analyze();

        Assert.False(analysis.Jewel("sis").Reachable);
        Assert.Equal(ExposureLevel.High, analysis.Asset("ews").Level);
    }

    [Theory]
    [InlineData(true, RemoteAccessAvailability.AlwaysOn, 0.09)] // 0.5 × 0.2 × 0.9
    [InlineData(false, RemoteAccessAvailability.OnDemand, 0.225)] // 0.5 × 0.5 × 0.9
    [InlineData(true, RemoteAccessAvailability.OnDemand, 0.045)] // 0.5 × 0.2 × 0.5 × 0.9
    public void Vendor_vpn_with_mfa_or_on_demand_is_less_likely_but_still_a_path(bool mfa, RemoteAccessAvailability availability, double expected)
    {
        var analysis = VendorPlant(mfa, availability).Analyze();

        Assert.Equal(expected, analysis.Jewel("sis").Likelihood, Precision);
        Assert.Equal(ExposureLevel.Critical is var critical && expected >= 0.1 ? critical : ExposureLevel.High, analysis.Asset("sis").Level);
    }

    private static TestPlant JumpHostPlant(bool jumpHostVulnerable)
    {
        var plant = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("ops", PurdueLevel.Operations)
            .Asset("jump", "dmz", JumpHost, "rdp")
            .Asset("scada", "ops", ScadaServer, "rdp, opcua", criticality: 5, jewel: true)
            .Conduit("it-dmz", "it", "dmz", "rdp", ConduitDirection.OneWay)
            .Conduit("dmz-ops", "dmz", "ops", "rdp", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it");
        return jumpHostVulnerable ? plant.Finding("f-jump", "jump", kev: true) : plant;
    }

    [Fact]
    public void A_vulnerable_jump_host_is_the_pivot_from_IT_into_operations()
    {
        // 0.5 (enterprise) × 0.95 (KEV, AV:N/PR:N/UI:N) × 0.8 (jump host's RDP sessions) = 0.38.
        var analysis = JumpHostPlant(jumpHostVulnerable: true).Analyze();

        var scada = analysis.Jewel("scada");
        Assert.True(scada.Reachable);
        Assert.Equal(0.38, scada.Likelihood, Precision);
        var path = scada.MostLikelyPath!;
        Assert.Equal([HopKind.Entry, HopKind.Reach, HopKind.Exploit, HopKind.TrustedSession, HopKind.ControllerCommand], path.Kinds());
        Assert.Equal("f-jump", path.Hops[2].FindingId);
        Assert.Contains("jump hosts hold", path.Hops[3].Why, StringComparison.Ordinal);
        Assert.Equal(FindingVerdict.ReachableAndExploitable, analysis.Finding("f-jump").Verdict);

        // Without the jump host's vulnerability RDP needs credentials the attacker does not have: no path.
        Assert.False(JumpHostPlant(jumpHostVulnerable: false).Analyze().Jewel("scada").Reachable);
    }

    [Fact]
    public void KEV_outweighs_a_low_EPSS_score_on_the_same_vector()
    {
        var analysis = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz)
            .Asset("a", "dmz", Server, "https").Asset("b", "dmz", Server, "https").Asset("c", "dmz", Server, "https")
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("kev", "a", kev: true)
            .Finding("low-epss", "b", epss: 0.02)
            .Finding("high-epss", "c", epss: 0.4)
            .Analyze();

        Assert.Equal(0.95, analysis.Asset("a").Likelihood, Precision);
        Assert.Equal(0.1, analysis.Asset("b").Likelihood, Precision); // EPSS 2 % is floored at 10 %
        Assert.Equal(0.4, analysis.Asset("c").Likelihood, Precision);
        Assert.Contains("KEV", analysis.Finding("kev").StepWhy, StringComparison.Ordinal);
        Assert.Contains("floor 10%", analysis.Finding("low-epss").StepWhy, StringComparison.Ordinal);
        Assert.Equal(ExposureLevel.High, analysis.Asset("a").Level);
        Assert.Equal(ExposureLevel.High, analysis.Asset("b").Level);
    }

    [Fact]
    public void A_finding_on_an_asset_nobody_reaches_is_theoretical()
    {
        var analysis = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("lab", PurdueLevel.BasicControl)
            .Asset("pc", "it", Workstation, "rdp")
            .Asset("bench-plc", "lab", Plc, "s7")
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Finding("f-lab", "bench-plc", kev: true)
            .Finding("f-pc", "pc")
            .Analyze();

        var lab = analysis.Finding("f-lab");
        Assert.Equal(FindingVerdict.Theoretical, lab.Verdict);
        Assert.Null(lab.BestPath);
        Assert.Equal(0, lab.EntryPointCount);
        Assert.Equal(FindingVerdict.ReachableAndExploitable, analysis.Finding("f-pc").Verdict);
        Assert.Equal(0.5 * 0.1, analysis.Finding("f-pc").PathLikelihood, Precision);
        Assert.Equal(Seam.Exposure.Ssvc.SystemExposure.Small, lab.Exposure);
        Assert.Equal(Seam.Exposure.Ssvc.SystemExposure.Controlled, analysis.Finding("f-pc").Exposure);
    }

    [Fact]
    public void Local_and_adjacent_vulnerabilities_need_the_right_foothold()
    {
        var analysis = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("ops", PurdueLevel.Operations)
            .Asset("web", "dmz", Server, "https")
            .Asset("hmi", "ops", Hmi, "https")
            .Conduit("dmz-ops", "dmz", "ops", "https")
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("local", "web", "CVSS:3.1/AV:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", kev: true)
            .Finding("adjacent-same-zone", "web", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
            .Finding("adjacent-other-zone", "hmi", "CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H")
            .Analyze();

        Assert.Equal(FindingVerdict.Theoretical, analysis.Finding("local").Verdict);
        Assert.Contains("local or physical access", analysis.Finding("local").Reason, StringComparison.Ordinal);
        Assert.Equal(FindingVerdict.ReachableAndExploitable, analysis.Finding("adjacent-same-zone").Verdict);

        // The HMI is reached over https through the conduit, but an adjacent-network bug needs a foothold inside OPS,
        // and the only foothold there would come from controlling the web server — whose only network bug is adjacent
        // and gives exactly that: 1.0 × 0.1 (web) → pivot into DMZ only. OPS stays out of reach.
        Assert.Equal(FindingVerdict.Theoretical, analysis.Finding("adjacent-other-zone").Verdict);
        Assert.Contains("adjacent-network", analysis.Finding("adjacent-other-zone").Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shortest_path_and_the_most_likely_path_can_differ()
    {
        // Direct: internet → J's https → an unexploited bug (10 %) = 0.1 in 2 hops.
        // Around: internet → jump host's KEV bug (0.95) → its RDP session to J (0.8) = 0.76 in 3 hops.
        var analysis = new TestPlant()
            .Zone("edge", PurdueLevel.EnterpriseNetwork).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("core", PurdueLevel.Operations)
            .Asset("jump", "dmz", JumpHost, "https")
            .Asset("j", "core", Server, "https, rdp", criticality: 5, jewel: true)
            .Conduit("edge-core", "edge", "core", "https", ConduitDirection.OneWay)
            .Conduit("edge-dmz", "edge", "dmz", "https", ConduitDirection.OneWay)
            .Conduit("dmz-core", "dmz", "core", "rdp", ConduitDirection.OneWay)
            .Entry("internet", EntryPointKind.Internet, "edge")
            .Finding("jump-kev", "jump", kev: true)
            .Finding("j-plain", "j")
            .Analyze();

        var j = analysis.Jewel("j");
        Assert.Equal(0.76, j.Likelihood, Precision);
        Assert.Equal([HopKind.Entry, HopKind.Reach, HopKind.Exploit, HopKind.TrustedSession], j.MostLikelyPath!.Kinds());
        Assert.Equal([HopKind.Entry, HopKind.Reach, HopKind.Exploit], j.ShortestPath!.Kinds());
        Assert.Equal(0.1, j.ShortestPath!.Likelihood, Precision);
        Assert.Equal("j-plain", j.ShortestPath!.Hops[2].FindingId);
    }

    [Fact]
    public void Mitigation_and_a_weak_match_lower_the_step_and_fixed_findings_close()
    {
        var analysis = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz)
            .Asset("a", "dmz", Server, "https").Asset("b", "dmz", Server, "https").Asset("c", "dmz", Server, "https")
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("mitigated", "a", kev: true, state: FindingState.Mitigated) // 0.95 × 0.3
            .Finding("name-only", "b", kev: true, confidence: MatchConfidence.NameOnly) // 0.95 × 0.5
            .Finding("fixed", "c", kev: true, state: FindingState.Fixed)
            .Analyze();

        Assert.Equal(0.285, analysis.Finding("mitigated").StepLikelihood, Precision);
        Assert.Equal(0.475, analysis.Finding("name-only").StepLikelihood, Precision);
        Assert.Equal(FindingVerdict.Closed, analysis.Finding("fixed").Verdict);
        Assert.Equal(ExposureLevel.None, analysis.Asset("c").Level);
    }

    [Fact]
    public void PR_and_UI_and_public_exploits_set_the_exploit_step()
    {
        // Public PoC 0.6 × PR:L 0.5 × UI:R 0.5 = 0.15; v4 AT:P 0.7 with E:A 0.95 = 0.665; no vector: 0.1 × 0.5 = 0.05.
        var analysis = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz)
            .Asset("a", "dmz", Server, "https").Asset("b", "dmz", Server, "https").Asset("c", "dmz", Server, "https")
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("poc", "a", "CVSS:3.1/AV:N/AC:L/PR:L/UI:R/S:U/C:H/I:H/A:H", exploitStatus: "A public proof of concept exploit is available.")
            .Finding("v4", "b", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:A")
            .Finding("none", "c", vector: null)
            .Analyze();

        Assert.Equal(0.15, analysis.Finding("poc").StepLikelihood, Precision);
        Assert.Equal(0.665, analysis.Finding("v4").StepLikelihood, Precision);
        Assert.Equal(0.05, analysis.Finding("none").StepLikelihood, Precision);
        Assert.Contains("no CVSS vector", analysis.Finding("none").StepWhy, StringComparison.Ordinal);
    }

    [Fact]
    public void Exploit_maturity_High_means_attacks_in_v3_but_only_exploit_code_in_v2_as_SSVC_reads_it()
    {
        var analysis = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz)
            .Asset("a", "dmz", Server, "https").Asset("b", "dmz", Server, "https")
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("v3", "a", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H/E:H")
            .Finding("v2", "b", "AV:N/AC:L/Au:N/C:C/I:C/A:C/E:H")
            .Analyze();

        Assert.Equal(0.95, analysis.Finding("v3").StepLikelihood, Precision);
        Assert.Equal(Seam.Exposure.Ssvc.Exploitation.Active, analysis.Finding("v3").Ssvc.Exploitation);
        Assert.Equal(0.6, analysis.Finding("v2").StepLikelihood, Precision);
        Assert.Equal(Seam.Exposure.Ssvc.Exploitation.PublicPoc, analysis.Finding("v2").Ssvc.Exploitation);
    }

    [Fact]
    public void An_observed_flow_proves_reach_that_no_conduit_allows()
    {
        // HMI controlled through a KEV bug from the internet-facing DMZ (1.0 × 0.95); it was seen talking Modbus to
        // the PLC across zones with no conduit: 0.95 × 0.9 (HMI operator session) = 0.855.
        var analysis = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l1", PurdueLevel.BasicControl)
            .Asset("hmi", "dmz", Hmi, "https")
            .Asset("plc", "l1", Plc, "modbus", jewel: true)
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("hmi-kev", "hmi", kev: true)
            .Analyze();
        Assert.False(analysis.Jewel("plc").Reachable);

        var withFlow = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l1", PurdueLevel.BasicControl)
            .Asset("hmi", "dmz", Hmi, "https")
            .Asset("plc", "l1", Plc, "modbus", jewel: true)
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("hmi-kev", "hmi", kev: true)
            .Flow("seen", "hmi", "plc", "modbus")
            .Analyze();
        var plc = withFlow.Jewel("plc");
        Assert.True(plc.Manipulable);
        Assert.Equal(0.855, plc.Likelihood, Precision);
        Assert.Contains(plc.MostLikelyPath!.Hops, h => h.ViaId == "seen");
    }

    [Fact]
    public void An_allow_rule_pinhole_lets_the_historian_reach_the_controller()
    {
        var analysis = new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l1", PurdueLevel.BasicControl)
            .Asset("hist", "dmz", Historian, "https")
            .Asset("plc", "l1", Plc, "s7", jewel: true)
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Finding("hist-kev", "hist", kev: true)
            .Rule("pinhole", "hist", "plc", "s7")
            .Analyze();

        // 1.0 × 0.95 (historian) × 0.9 (S7 without authentication) = 0.855.
        var plc = analysis.Jewel("plc");
        Assert.Equal(0.855, plc.Likelihood, Precision);
        Assert.Equal([HopKind.Entry, HopKind.Reach, HopKind.Exploit, HopKind.Reach, HopKind.UnauthenticatedIcs], plc.MostLikelyPath!.Kinds());
        Assert.Equal("pinhole", plc.MostLikelyPath!.Hops[3].ViaId);
    }

    [Fact]
    public void An_access_grant_is_an_entry_point_only_while_it_is_active()
    {
        TestPlant Plant(DateTimeOffset from, DateTimeOffset to) => new TestPlant()
            .Zone("dmz", PurdueLevel.IndustrialDmz).Zone("l1", PurdueLevel.BasicControl)
            .Asset("plc", "l1", Plc, "enip", jewel: true)
            .Grant("grant-7", "dmz", "plc", from, to);

        var active = Plant(TestPlant.Now.AddHours(-1), TestPlant.Now.AddHours(3)).Analyze();
        // Grant: vendor 0.5 × on-demand 0.5 = 0.25, then its session on the PLC (1.0) and the PLC's process (1.0).
        Assert.Equal(0.25, active.Jewel("plc").Likelihood, Precision);
        Assert.True(active.Report.EntryPoints.Single().IsAccessGrant);

        var expired = Plant(TestPlant.Now.AddDays(-2), TestPlant.Now.AddDays(-1)).Analyze();
        Assert.False(expired.Jewel("plc").Reachable);
        Assert.Empty(expired.Report.EntryPoints);
    }

    [Fact]
    public void Removable_media_starts_inside_the_zone_it_is_plugged_in()
    {
        // 0.2 × 0.9 = 0.18 — no conduit involved.
        var analysis = new TestPlant()
            .Zone("l2", PurdueLevel.Supervisory)
            .Asset("plc", "l2", Plc, "modbus", jewel: true)
            .Entry("usb", EntryPointKind.RemovableMedia, "l2")
            .Analyze();

        Assert.Equal(0.18, analysis.Jewel("plc").Likelihood, Precision);
        Assert.Equal([HopKind.Entry, HopKind.Reach, HopKind.UnauthenticatedIcs], analysis.Jewel("plc").MostLikelyPath!.Kinds());
    }

    [Fact]
    public void The_score_is_the_impact_weighted_mean_likelihood()
    {
        // PLC: criticality 5, crown jewel → weight 10, likelihood 0.45. Historian: criticality 3 → weight 3, unreachable
        // (no services over the conduit). Safety pump: criticality 4 × 3 (safety) = 12, likelihood 0.45.
        // Score = 100 × (10 × 0.45 + 12 × 0.45) / (10 + 3 + 12) = 39.6.
        var analysis = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", criticality: 5, jewel: true)
            .Asset("hist", "ot", Historian, "https")
            .Asset("pump", "ot", Drive, "modbus", criticality: 4, safety: true)
            .Conduit("in", "it", "ot", "modbus", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Analyze();

        Assert.Equal(39.6, analysis.Report.Overall.Score, 2);
        var zone = analysis.Report.Scores.Single(s => s.Scope == ScoreScope.Zone && s.ScopeId == "ot");
        Assert.Equal(39.6, zone.Score, 2);
        Assert.Equal(3, zone.Assets);
        Assert.Equal(2, zone.ManipulableAssets);
        Assert.Equal(ExposureLevel.None, analysis.Asset("hist").Level);
        Assert.Equal(ExposureLevel.Critical, analysis.Asset("pump").Level);
    }

    [Fact]
    public void Entry_points_are_counted_per_crown_jewel()
    {
        var analysis = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("ot", PurdueLevel.BasicControl)
            .Asset("plc", "ot", Plc, "modbus", jewel: true)
            .Asset("other", "ot", Plc, "s7", jewel: true)
            .Conduit("it-ot", "it", "ot", "modbus", ConduitDirection.OneWay)
            .Conduit("dmz-ot", "dmz", "ot", "modbus", ConduitDirection.OneWay)
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Entry("vendor", EntryPointKind.VendorRemoteAccess, "dmz")
            .Analyze();

        Assert.Equal(["corp", "vendor"], analysis.Jewel("plc").EntryPointIds);
        Assert.Empty(analysis.Jewel("other").EntryPointIds);
        Assert.Equal(1, analysis.Report.EntryPoints.Single(e => e.EntryPointId == "corp").CrownJewelsReached);
    }
}
