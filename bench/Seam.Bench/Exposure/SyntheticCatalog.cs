using Seam.Inventory;

namespace Seam.Bench.Exposure;

/// <summary>The ICS protocol a production cell runs; it decides the cell's controllers, its conduits and its field bus.</summary>
public enum CellProtocol
{
    S7,
    EtherNetIp,
    Modbus,
}

/// <summary>Groups of products that share vulnerabilities: one pool of CVEs per family, drawn from by every asset of it.</summary>
public enum VulnerabilityFamily
{
    WindowsDesktop,
    WindowsServer,
    NetworkAppliance,
    SiemensController,
    RockwellController,
    SchneiderController,
    SafetyController,
    OperatorPanel,
    ScadaSoftware,
    Historian,
    Drive,
    FieldDevice,
    Printer,
    Telecontrol,
}

/// <summary>One kind of device as the generator places it: what it is, what it listens on, how many findings it tends to carry.</summary>
/// <param name="Tag">Short code used in ids and names, e.g. "plc".</param>
/// <param name="FindingsMean">Average findings per asset; each asset draws from mean − 2 to mean + 2.</param>
public sealed record SyntheticRole(
    string Tag,
    string Label,
    AssetKind Kind,
    string Vendor,
    string Product,
    string Model,
    IReadOnlyList<ServiceEndpoint> Services,
    VulnerabilityFamily Family,
    int FindingsMean,
    int Criticality,
    Patchability Patchability);

/// <summary>The devices the generator uses per Purdue level, with the services real ones expose.</summary>
public static class SyntheticCatalog
{
    public static SyntheticRole EdgeFirewall { get; } = Role("fw", "Firewall", AssetKind.Firewall, "Fortinet", "FortiGate", "200F",
        "https, ssh, snmp", VulnerabilityFamily.NetworkAppliance, 4, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole EdgeRouter { get; } = Role("rtr", "ISP router", AssetKind.Router, "Cisco", "ISR", "4331",
        "ssh, snmp", VulnerabilityFamily.NetworkAppliance, 3, 3, Patchability.MaintenanceWindow);

    public static SyntheticRole VpnGateway { get; } = Role("vpn", "VPN gateway", AssetKind.VpnGateway, "Palo Alto Networks", "GlobalProtect", "PA-3220",
        "https, ipsec", VulnerabilityFamily.NetworkAppliance, 5, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole PublicWebServer { get; } = Role("web", "Public web server", AssetKind.Server, "Microsoft", "Windows Server", "2019",
        "https, rdp", VulnerabilityFamily.WindowsServer, 8, 2, Patchability.AnyTime);

    public static SyntheticRole OfficePc { get; } = Role("pc", "Office PC", AssetKind.Workstation, "Microsoft", "Windows 11", "23H2",
        "smb, rdp", VulnerabilityFamily.WindowsDesktop, 10, 1, Patchability.AnyTime);

    public static SyntheticRole OfficeServer { get; } = Role("srv", "Office server", AssetKind.Server, "Microsoft", "Windows Server", "2022",
        "https, rdp, smb, mssql", VulnerabilityFamily.WindowsServer, 9, 3, Patchability.AnyTime);

    public static SyntheticRole DomainController { get; } = Role("dc", "Domain controller", AssetKind.Server, "Microsoft", "Windows Server", "2022",
        "ldap, kerberos, smb, rdp", VulnerabilityFamily.WindowsServer, 9, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole Printer { get; } = Role("prn", "Printer", AssetKind.Printer, "HP", "LaserJet", "M610",
        "http, snmp", VulnerabilityFamily.Printer, 3, 1, Patchability.AnyTime);

    public static SyntheticRole DmzFirewall { get; } = Role("fw", "DMZ firewall", AssetKind.Firewall, "Palo Alto Networks", "PAN-OS", "PA-850",
        "https, ssh, snmp", VulnerabilityFamily.NetworkAppliance, 4, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole JumpHost { get; } = Role("jmp", "Jump host", AssetKind.JumpHost, "Microsoft", "Windows Server", "2019",
        "rdp, ssh", VulnerabilityFamily.WindowsServer, 8, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole HistorianMirror { get; } = Role("his", "Historian mirror", AssetKind.Historian, "AVEVA", "PI Server", "2018 SP3",
        "pi, https, mssql", VulnerabilityFamily.Historian, 7, 3, Patchability.MaintenanceWindow);

    public static SyntheticRole PatchServer { get; } = Role("wsus", "Patch server", AssetKind.Server, "Microsoft", "WSUS", "2019",
        "https, smb", VulnerabilityFamily.WindowsServer, 8, 2, Patchability.AnyTime);

    public static SyntheticRole RemoteAccessGateway { get; } = Role("rag", "Remote access gateway", AssetKind.VpnGateway, "Secomea", "GateManager", "9250",
        "https", VulnerabilityFamily.NetworkAppliance, 4, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole Historian { get; } = Role("his", "Historian", AssetKind.Historian, "AVEVA", "PI Server", "2018 SP3",
        "pi, mssql, https, rdp", VulnerabilityFamily.Historian, 8, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole ScadaServer { get; } = Role("scada", "SCADA server", AssetKind.ScadaServer, "Siemens", "WinCC OA", "3.19",
        "opcua, https, rdp", VulnerabilityFamily.ScadaSoftware, 9, 5, Patchability.MaintenanceWindow);

    public static SyntheticRole OpcServer { get; } = Role("opc", "OPC server", AssetKind.OpcServer, "Kepware", "KEPServerEX", "6.14",
        "opcua, rdp", VulnerabilityFamily.ScadaSoftware, 7, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole EngineeringWorkstation { get; } = Role("ews", "Engineering workstation", AssetKind.EngineeringWorkstation, "Dell", "Precision", "3660",
        "rdp, smb", VulnerabilityFamily.WindowsDesktop, 11, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole OperationsPc { get; } = Role("pc", "Operations PC", AssetKind.Workstation, "Microsoft", "Windows 10 LTSC", "2019",
        "smb, rdp", VulnerabilityFamily.WindowsDesktop, 10, 2, Patchability.MaintenanceWindow);

    public static SyntheticRole MesServer { get; } = Role("mes", "MES server", AssetKind.Server, "Microsoft", "Windows Server", "2019",
        "https, mssql, rdp", VulnerabilityFamily.WindowsServer, 9, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole OperatorStation { get; } = Role("hmi", "Operator station", AssetKind.Hmi, "Siemens", "SIMATIC IPC", "IPC547G",
        "vnc, http", VulnerabilityFamily.OperatorPanel, 8, 4, Patchability.MaintenanceWindow);

    public static SyntheticRole IndustrialSwitch { get; } = Role("sw", "Industrial switch", AssetKind.Switch, "Hirschmann", "RSP", "RSP35",
        "ssh, snmp, https", VulnerabilityFamily.NetworkAppliance, 3, 3, Patchability.MaintenanceWindow);

    public static SyntheticRole Rtu { get; } = Role("rtu", "RTU", AssetKind.Rtu, "Hitachi Energy", "RTU500", "560CMR02",
        "dnp3, https", VulnerabilityFamily.Telecontrol, 4, 4, Patchability.VendorApproval);

    public static SyntheticRole ProtectionRelay { get; } = Role("ied", "Protection relay", AssetKind.Ied, "SEL", "SEL-751", "751",
        "iec104, modbus", VulnerabilityFamily.Telecontrol, 3, 4, Patchability.VendorApproval);

    public static SyntheticRole CloudConnector { get; } = Role("iot", "IIoT gateway", AssetKind.CloudConnector, "Siemens", "SIMATIC IOT2050", "2050",
        "https, mqtts, opcua", VulnerabilityFamily.NetworkAppliance, 4, 2, Patchability.AnyTime);

    /// <summary>The cell's main controller: the protocol decides the make.</summary>
    public static SyntheticRole Controller(CellProtocol protocol) => Controllers[(int)protocol];

    /// <summary>The safety controller (SIS logic solver) of a cell.</summary>
    public static SyntheticRole SafetyController(CellProtocol protocol) => SafetyControllers[(int)protocol];

    public static SyntheticRole Panel(CellProtocol protocol) => Panels[(int)protocol];

    public static SyntheticRole Drive(CellProtocol protocol) => Drives[(int)protocol];

    public static SyntheticRole FieldDevice(CellProtocol protocol) => FieldDevices[(int)protocol];

    /// <summary>What the cell's controllers speak, as a conduit service list.</summary>
    public static IReadOnlyList<ServiceEndpoint> CellServices(CellProtocol protocol) => protocol switch
    {
        CellProtocol.S7 => Services("s7"),
        CellProtocol.EtherNetIp => Services("enip"),
        _ => Services("modbus"),
    };

    /// <summary>What travels on the cell's field network, between controllers (L1) and drives and I/O (L0).</summary>
    public static IReadOnlyList<ServiceEndpoint> FieldBusServices(CellProtocol protocol) => protocol switch
    {
        CellProtocol.S7 => Services("s7, profinet-dcp"),
        CellProtocol.EtherNetIp => Services("enip, cip-io"),
        _ => Services("modbus"),
    };

    public static IReadOnlyList<ServiceEndpoint> Services(string names) =>
        [.. names.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(ServiceEndpoint.Parse)];

    private static readonly SyntheticRole[] Controllers =
    [
        Role("plc", "PLC", AssetKind.Plc, "Siemens", "SIMATIC S7-1500", "CPU 1516-3 PN/DP", "s7, profinet-dcp, http, snmp",
            VulnerabilityFamily.SiemensController, 5, 4, Patchability.VendorApproval),
        Role("plc", "PLC", AssetKind.Plc, "Rockwell Automation", "ControlLogix 5580", "1756-L83E", "enip, http, snmp",
            VulnerabilityFamily.RockwellController, 5, 4, Patchability.VendorApproval),
        Role("plc", "PLC", AssetKind.Plc, "Schneider Electric", "Modicon M580", "BMEP582040", "modbus, http, snmp",
            VulnerabilityFamily.SchneiderController, 5, 4, Patchability.VendorApproval),
    ];

    private static readonly SyntheticRole[] SafetyControllers =
    [
        Role("sis", "Safety controller", AssetKind.SafetyController, "Siemens", "SIMATIC S7-1500F", "CPU 1516F-3 PN/DP", "s7, profinet-dcp",
            VulnerabilityFamily.SafetyController, 3, 5, Patchability.Never),
        Role("sis", "Safety controller", AssetKind.SafetyController, "Rockwell Automation", "GuardLogix 5580", "1756-L83ES", "enip",
            VulnerabilityFamily.SafetyController, 3, 5, Patchability.Never),
        Role("sis", "Safety controller", AssetKind.SafetyController, "Schneider Electric", "Triconex Tricon CX", "3009X", "modbus",
            VulnerabilityFamily.SafetyController, 3, 5, Patchability.Never),
    ];

    private static readonly SyntheticRole[] Panels =
    [
        Role("pnl", "Operator panel", AssetKind.Hmi, "Siemens", "SIMATIC HMI Comfort Panel", "TP1200", "vnc, http",
            VulnerabilityFamily.OperatorPanel, 5, 3, Patchability.MaintenanceWindow),
        Role("pnl", "Operator panel", AssetKind.Hmi, "Rockwell Automation", "PanelView Plus 7", "2711P-T12W22D9P", "vnc, http",
            VulnerabilityFamily.OperatorPanel, 5, 3, Patchability.MaintenanceWindow),
        Role("pnl", "Operator panel", AssetKind.Hmi, "Schneider Electric", "Harmony GTU", "HMIDT732", "vnc, http",
            VulnerabilityFamily.OperatorPanel, 5, 3, Patchability.MaintenanceWindow),
    ];

    private static readonly SyntheticRole[] Drives =
    [
        Role("drv", "Drive", AssetKind.Drive, "Siemens", "SINAMICS G120", "CU250S-2 PN", "profinet-dcp",
            VulnerabilityFamily.Drive, 3, 3, Patchability.VendorApproval),
        Role("drv", "Drive", AssetKind.Drive, "Rockwell Automation", "PowerFlex 755", "20G", "enip",
            VulnerabilityFamily.Drive, 3, 3, Patchability.VendorApproval),
        Role("drv", "Drive", AssetKind.Drive, "Schneider Electric", "Altivar Process ATV630", "ATV630", "modbus",
            VulnerabilityFamily.Drive, 3, 3, Patchability.VendorApproval),
    ];

    private static readonly SyntheticRole[] FieldDevices =
    [
        Role("io", "Remote I/O", AssetKind.FieldDevice, "Siemens", "SIMATIC ET 200SP", "IM155-6 PN HF", "profinet-dcp",
            VulnerabilityFamily.FieldDevice, 4, 2, Patchability.VendorApproval),
        Role("io", "Remote I/O", AssetKind.FieldDevice, "Rockwell Automation", "FLEX 5000", "5094-AENTR", "enip",
            VulnerabilityFamily.FieldDevice, 4, 2, Patchability.VendorApproval),
        Role("io", "Remote I/O", AssetKind.FieldDevice, "Schneider Electric", "Modicon X80", "BMXCRA31210", "modbus",
            VulnerabilityFamily.FieldDevice, 4, 2, Patchability.VendorApproval),
    ];

    private static SyntheticRole Role(string tag, string label, AssetKind kind, string vendor, string product, string model, string services,
        VulnerabilityFamily family, int findingsMean, int criticality, Patchability patchability) =>
        new(tag, label, kind, vendor, product, model, Services(services), family, findingsMean, criticality, patchability);
}
