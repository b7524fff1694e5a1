using Seam.Core.Tests.Exposure.Plants;
using Seam.Exposure.Model;
using Seam.Intelligence.Findings;
using Seam.Inventory;
using static Seam.Inventory.AssetKind;

namespace Seam.Core.Tests.Exposure.Graph;

/// <summary>A small plant with every kind of node, edge and finding the graph builder makes, for pinning what it builds.</summary>
internal static class EveryEdgePlant
{
    public static ExposureInput Input()
    {
        var plant = new TestPlant()
            .Zone("it", PurdueLevel.Enterprise).Zone("dmz", PurdueLevel.IndustrialDmz).Zone("ops", PurdueLevel.Operations)
            .Zone("cell", PurdueLevel.BasicControl).Zone("sis", PurdueLevel.BasicControl)
            .Asset("laptop", "it", Workstation, "rdp, smb")
            .Asset("jump", "dmz", JumpHost, "rdp, ssh")
            .Asset("hist", "dmz", Historian, "pi:tcp/5450, https")
            .Asset("ews", "ops", EngineeringWorkstation, "rdp, s7")
            .Asset("sews", "ops", EngineeringWorkstation, "rdp", safety: true)
            .Asset("hmi", "ops", Hmi, "vnc, https", criticality: 4)
            .Asset("scada", "ops", ScadaServer, "opcua, https")
            .Asset("plc", "cell", Plc, "modbus, s7, profinet-dcp:eth", criticality: 5, jewel: true)
            .Asset("drive", "cell", Drive, "enip")
            .Asset("sis", "sis", SafetyController, "modbus, tcp/1502", criticality: 5, jewel: true, safety: true)
            .Asset("spare", null, Server, "ssh")
            .Conduit("it-dmz", "it", "dmz", "rdp, https")
            .Conduit("dmz-ops", "dmz", "ops", "rdp, vnc, tcp/1024-65535")
            .Conduit("ops-cell", "ops", "cell", "modbus, s7, profinet-dcp:eth, enip", ConduitDirection.OneWay)
            .Conduit("ops-sis", "ops", "sis", "modbus", ConduitDirection.OneWay)
            .Conduit("nowhere", "ops", "missing-zone", "https")
            .Entry("internet", EntryPointKind.Internet, "dmz")
            .Entry("corp", EntryPointKind.EnterpriseIt, "it")
            .Entry("vendor", EntryPointKind.VendorRemoteAccess, "dmz", "hmi, plc", mfa: true, availability: RemoteAccessAvailability.OnDemand)
            .Entry("usb", EntryPointKind.RemovableMedia, "cell")
            .Finding("f-kev", "hist", kev: true)
            .Finding("f-adjacent", "plc", "CVSS:3.1/AV:A/AC:H/PR:L/UI:R/S:U/C:H/I:H/A:H", epss: 0.3)
            .Finding("f-local", "ews", "CVSS:3.1/AV:L/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H")
            .Finding("f-fixed", "hmi", state: FindingState.Fixed)
            .Finding("f-mitigated", "scada", "CVSS:4.0/AV:N/AC:L/AT:P/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N/E:P", state: FindingState.Mitigated,
                confidence: MatchConfidence.NameOnly)
            .Finding("f-v2", "drive", "AV:N/AC:L/Au:S/C:P/I:P/A:P/E:H", epss: 0.02, confidence: MatchConfidence.NameAndVersion)
            .Finding("f-advisory", "sis", null, exploitStatus: "A public proof of concept exists.")
            .Finding("f-garbled", "jump", "CVSS:3.1/AV:X", epss: 0.7, exploitStatus: "Exploitation in the wild has been reported.")
            .Finding("f-no-asset", "missing-asset")
            .Finding("f-no-zone", "spare")
            .Rule("r-hist-scada", "hist", "scada", "opcua, https")
            .Rule("r-missing", "hist", "missing-asset", "https")
            .Flow("fl-ews-plc", "ews", "plc", "s7")
            .Flow("fl-jump-hmi", "jump", "hmi", "vnc")
            .Flow("fl-sews-sis", "sews", "sis", "tcp/1502")
            .Grant("g-now", "ops", "sews, sis", TestPlant.Now.AddHours(-1), TestPlant.Now.AddHours(1), mfa: true)
            .Grant("g-later", "ops", "sis", TestPlant.Now.AddHours(1), TestPlant.Now.AddHours(2));
        var input = plant.Input();
        input.Inventory.Conduits.Single(c => c.Id == "ops-sis").EnforcedBy = "FW with Modbus read-only inspection";
        return input;
    }
}
