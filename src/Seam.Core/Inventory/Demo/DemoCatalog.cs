namespace Seam.Inventory.Demo;

/// <summary>
/// The products the demo company runs. Names, order numbers and firmware lines are the ones used in
/// ICS advisories (CISA ICSA, Siemens ProductCERT, Rockwell, Schneider) so that advisory matching has
/// something real to match; MAC prefixes are the vendors' registered OUIs.
/// </summary>
internal static class DemoCatalog
{
    private const string Siemens = "Siemens";
    private const string Rockwell = "Rockwell Automation";
    private const string Schneider = "Schneider Electric";
    private const string SiemensOui = "00:1b:1b";
    private const string SiemensIoOui = "00:0e:8c";
    private const string RockwellOui = "00:00:bc";
    private const string RockwellNewOui = "00:1d:9c";
    private const string SchneiderOui = "00:80:f4";
    private const string ModiconOui = "00:00:54";
    // Triconex was an Invensys brand before Schneider Electric bought it; its hardware still carries Invensys' OUI.
    private const string InvensysOui = "00:20:96";
    private const string DellOui = "f8:bc:12";
    private const string DellServerOui = "00:14:22";
    private const string CiscoOui = "00:00:0c";
    private const string SiemensSerial = "S C-?#?#######";
    private const string RockwellSerial = "XXXXXXXX";
    private const string DellServiceTag = "*******";

    // The demo's one product identified by CPE (SEAM-DEMO-2026-004 matches it by identifier), with NVD's vendor and product.
    private const string IgnitionCpe = "cpe:2.3:a:inductiveautomation:ignition:" + DemoProduct.VersionPlaceholder + ":*:*:*:*:*:*:*";

    private const string Windows11 = "Windows 11 Enterprise 23H2";
    private const string Windows10Ltsc = "Windows 10 Enterprise LTSC 2019";
    private const string Server2019 = "Windows Server 2019 (1809)";
    private const string Server2022 = "Windows Server 2022";

    // --- Siemens controllers and I/O (Line 1 is a Krones line, Krones builds on SIMATIC) ---
    public static readonly DemoProduct S7Cpu1516 = Controller(AssetKind.Plc, Siemens, "SIMATIC S7-1500 CPU 1516-3 PN/DP", "6ES7516-3AN02-0AB0",
        ["V2.9.4", "V2.9.7", "V3.0.3", "V3.1.1"], SiemensOui, SiemensSerial, "s7", "profinet-dcp", "https", "opcua", "snmp");

    public static readonly DemoProduct S7Cpu1515 = Controller(AssetKind.Plc, Siemens, "SIMATIC S7-1500 CPU 1515-2 PN", "6ES7515-2AM02-0AB0",
        ["V2.9.4", "V2.9.7", "V3.0.3"], SiemensOui, SiemensSerial, "s7", "profinet-dcp", "https", "snmp");

    public static readonly DemoProduct S7Cpu1511 = Controller(AssetKind.Plc, Siemens, "SIMATIC S7-1500 CPU 1511-1 PN", "6ES7511-1AK02-0AB0",
        ["V2.8.3", "V2.9.4", "V2.9.7"], SiemensOui, SiemensSerial, "s7", "profinet-dcp", "https", "snmp");

    public static readonly DemoProduct S7Cpu1214 = Controller(AssetKind.Plc, Siemens, "SIMATIC S7-1200 CPU 1214C DC/DC/DC", "6ES7214-1AG40-0XB0",
        ["V4.4.1", "V4.5.2", "V4.6.1"], SiemensOui, SiemensSerial, "s7", "profinet-dcp", "https");

    public static readonly DemoProduct S7Cpu1516F = SafetyController(Siemens, "SIMATIC S7-1500F CPU 1516F-3 PN/DP", "6ES7516-3FN02-0AB0",
        ["V2.9.4", "V2.9.7"], SiemensOui, SiemensSerial, Patchability.VendorApproval, "s7", "profinet-dcp", "https", "snmp");

    public static readonly DemoProduct Et200sp = Device(AssetKind.FieldDevice, Siemens, "SIMATIC ET 200SP IM 155-6 PN HF", "6ES7155-6AU01-0CN0",
        ["V4.2.3", "V4.2.4", "V5.0.1"], SiemensIoOui, SiemensSerial, Patchability.MaintenanceWindow, "profinet-dcp", "profinet-rt:eth", "snmp");

    public static readonly DemoProduct SinamicsG120 = Device(AssetKind.Drive, Siemens, "SINAMICS G120 CU250S-2 PN", "6SL3246-0BA22-1FA0",
        ["V4.7 SP10", "V4.7 SP13", "V4.7 SP14"], SiemensIoOui, SiemensSerial, Patchability.MaintenanceWindow, "profinet-dcp", "profinet-rt:eth", "http");

    public static readonly DemoProduct Tp1200Comfort = Device(AssetKind.Hmi, Siemens, "SIMATIC HMI TP1200 Comfort", "6AV2124-0MC01-0AX0",
        ["V16.0.0.2", "V17.0.0.0"], SiemensOui, SiemensSerial, Patchability.MaintenanceWindow, "vnc", "http", "https");

    public static readonly DemoProduct Tp700Comfort = Device(AssetKind.Hmi, Siemens, "SIMATIC HMI TP700 Comfort", "6AV2124-0GC01-0AX0",
        ["V15.1.0.0", "V17.0.0.0"], SiemensOui, SiemensSerial, Patchability.MaintenanceWindow, "vnc", "http");

    public static readonly DemoProduct WinCcRtAdvanced = Device(AssetKind.Hmi, Siemens, "SIMATIC WinCC Runtime Advanced", "SIMATIC IPC477E",
        ["V17 Update 6", "V18 Update 2"], SiemensOui, SiemensSerial, Patchability.MaintenanceWindow, "vnc", "https", "rdp");

    public static readonly DemoProduct TiaPortalEws = Device(AssetKind.EngineeringWorkstation, Siemens, "TIA Portal STEP 7 Professional", "SIMATIC Field PG M6",
        ["V17 Update 6", "V18 Update 3"], SiemensOui, SiemensSerial, Patchability.MaintenanceWindow, "rdp", "smb");

    public static readonly DemoProduct ScalanceXc208 = Device(AssetKind.Switch, Siemens, "SCALANCE XC208", "6GK5208-0BA00-2AC2",
        ["V4.4", "V4.5"], SiemensOui, "VPK#########", Patchability.MaintenanceWindow, "https", "snmp", "profinet-dcp");

    public static readonly DemoProduct ScalanceXc216 = Device(AssetKind.Switch, Siemens, "SCALANCE XC216", "6GK5216-0BA00-2AC2",
        ["V4.4", "V4.5"], SiemensOui, "VPK#########", Patchability.MaintenanceWindow, "https", "snmp", "profinet-dcp");

    public static readonly DemoProduct ScalanceSc646 = Device(AssetKind.Firewall, Siemens, "SCALANCE SC646-2C", "6GK5646-2GS00-2AC2",
        ["V2.3", "V3.0"], SiemensOui, "VPK#########", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    // --- Rockwell Automation (Line 2, syrup room, Eastport PlantPAx) ---
    public static readonly DemoProduct ControlLogixL83 = Controller(AssetKind.Plc, Rockwell, "ControlLogix 5580", "1756-L83E",
        ["32.013", "33.011", "33.013", "34.011"], RockwellOui, RockwellSerial, "enip", "enip-udp:udp/44818", "cip-io", "http");

    public static readonly DemoProduct ControlLogixL85 = Controller(AssetKind.Plc, Rockwell, "ControlLogix 5580", "1756-L85E",
        ["33.011", "34.011", "35.011"], RockwellOui, RockwellSerial, "enip", "enip-udp:udp/44818", "cip-io", "http");

    public static readonly DemoProduct ControlLogixL81 = Controller(AssetKind.Plc, Rockwell, "ControlLogix 5580", "1756-L81E",
        ["32.013", "33.011"], RockwellOui, RockwellSerial, "enip", "enip-udp:udp/44818", "cip-io", "http");

    public static readonly DemoProduct GuardLogixL83S = SafetyController(Rockwell, "GuardLogix 5580", "1756-L83ES",
        ["32.013", "33.011"], RockwellOui, RockwellSerial, Patchability.VendorApproval, "enip", "enip-udp:udp/44818", "cip-io");

    public static readonly DemoProduct CompactLogix5380 = Controller(AssetKind.Plc, Rockwell, "CompactLogix 5380", "5069-L320ER",
        ["33.011", "34.011", "35.011"], RockwellNewOui, RockwellSerial, "enip", "enip-udp:udp/44818", "cip-io", "http");

    public static readonly DemoProduct PowerFlex755 = Device(AssetKind.Drive, Rockwell, "PowerFlex 755", "20G11NC022JA0NNNNN",
        ["14.003", "15.001", "16.002"], RockwellOui, RockwellSerial, Patchability.MaintenanceWindow, "enip", "cip-io", "http");

    public static readonly DemoProduct PanelViewPlus7 = Device(AssetKind.Hmi, Rockwell, "PanelView Plus 7 Standard", "2711P-T12W22D9P",
        ["12.00", "13.00", "14.00"], RockwellNewOui, RockwellSerial, Patchability.MaintenanceWindow, "enip", "http", "vnc");

    public static readonly DemoProduct PointIoAentr = Device(AssetKind.FieldDevice, Rockwell, "POINT I/O EtherNet/IP adapter", "1734-AENTR",
        ["5.012", "6.001"], RockwellOui, RockwellSerial, Patchability.MaintenanceWindow, "enip", "cip-io", "http");

    public static readonly DemoProduct Flex5000Aentr = Device(AssetKind.FieldDevice, Rockwell, "FLEX 5000 EtherNet/IP adapter", "5094-AENTR",
        ["2.011", "3.011"], RockwellNewOui, RockwellSerial, Patchability.MaintenanceWindow, "enip", "cip-io");

    public static readonly DemoProduct Stratix5700 = Device(AssetKind.Switch, Rockwell, "Stratix 5700", "1783-BMS10CGN",
        ["15.2(7)E4", "15.2(8)E3"], RockwellNewOui, "FOC####?###", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    public static readonly DemoProduct Stratix5950 = Device(AssetKind.Firewall, Rockwell, "Stratix 5950 security appliance", "1783-SAD4T0S",
        ["6.2.3", "6.6.5"], RockwellNewOui, "FOC####?###", Patchability.MaintenanceWindow, "https", "ssh");

    public static readonly DemoProduct Studio5000Ews = Device(AssetKind.EngineeringWorkstation, Rockwell, "Studio 5000 Logix Designer", "Dell Precision 3660",
        ["V33.00", "V34.00"], DellOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp", "smb");

    public static readonly DemoProduct FactoryTalkViewSeServer = Device(AssetKind.ScadaServer, Rockwell, "FactoryTalk View SE Server", "Dell PowerEdge R450",
        ["12.00", "13.00"], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp", "msrpc:tcp/135", "smb", "http");

    public static readonly DemoProduct FactoryTalkViewSeClient = Device(AssetKind.Hmi, Rockwell, "FactoryTalk View SE Client", "Dell OptiPlex XE4",
        ["12.00", "13.00"], DellOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp", "smb");

    public static readonly DemoProduct FactoryTalkBatch = Device(AssetKind.Server, Rockwell, "FactoryTalk Batch Server", "Dell PowerEdge R650",
        ["V14.00"], DellServerOui, DellServiceTag, Patchability.VendorApproval, "rdp", "msrpc:tcp/135", "smb", "mssql");

    // --- Schneider Electric (utilities, tank farm, Triconex SIS) ---
    public static readonly DemoProduct ModiconM580 = Controller(AssetKind.Plc, Schneider, "Modicon M580", "BMEP582040",
        ["SV 3.20", "SV 4.01", "SV 4.10"], ModiconOui, "##?##-######", "modbus", "http", "ftp:tcp/21", "snmp");

    public static readonly DemoProduct ModiconM340 = Controller(AssetKind.Plc, Schneider, "Modicon M340", "BMXP342020",
        ["SV 3.40", "SV 3.50"], ModiconOui, "##?##-######", "modbus", "http", "ftp:tcp/21", "snmp");

    public static readonly DemoProduct X80RemoteDrop = Device(AssetKind.FieldDevice, Schneider, "Modicon X80 EIO adapter", "BMXCRA31210",
        ["SV 2.40", "SV 2.60"], ModiconOui, "##?##-######", Patchability.MaintenanceWindow, "enip", "snmp");

    public static readonly DemoProduct HarmonyGto = Device(AssetKind.Hmi, Schneider, "Harmony GTO", "HMIGTO5310",
        ["Vijeo Designer 6.2 SP12", "Vijeo Designer 6.3"], SchneiderOui, "##?##-######", Patchability.MaintenanceWindow, "modbus", "http", "ftp:tcp/21");

    public static readonly DemoProduct AltivarAtv630 = Device(AssetKind.Drive, Schneider, "Altivar Process ATV630", "ATV630D15N4",
        ["V3.3 IE30", "V3.6 IE48"], SchneiderOui, "##?##-######", Patchability.MaintenanceWindow, "modbus", "http");

    public static readonly DemoProduct ControlExpertEws = Device(AssetKind.EngineeringWorkstation, Schneider, "EcoStruxure Control Expert", "Dell Precision 3660",
        ["15.1", "15.3"], DellOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp", "smb");

    public static readonly DemoProduct TriconexTricon = SafetyController(Schneider, "Triconex Tricon", "MP 3008N / TCM 4351B",
        ["v11.3.0", "v11.5.0"], InvensysOui, "########", Patchability.Never, "tristation:udp/1502", "modbus");

    public static readonly DemoProduct TriStationEws = Device(AssetKind.EngineeringWorkstation, Schneider, "Triconex TriStation 1131", "Dell Precision 3660",
        ["v4.16.0"], DellOui, DellServiceTag, Patchability.VendorApproval, "rdp");

    // --- HIMA safety ---
    public static readonly DemoProduct HimaHimax = SafetyController("HIMA", "HIMax", "X-CPU 01",
        ["CPU OS V10.42", "CPU OS V12.58"], "00:e0:a1", "#########", Patchability.VendorApproval, "safeethernet:udp/8000", "padt:udp/8001", "modbus");

    public static readonly DemoProduct HimaHimatrixF35 = SafetyController("HIMA", "HIMatrix", "F35 03",
        ["CPU OS V8.34", "CPU OS V10.42"], "00:e0:a1", "#########", Patchability.Never, "safeethernet:udp/8000", "padt:udp/8001");

    public static readonly DemoProduct SilworxEws = Device(AssetKind.EngineeringWorkstation, "HIMA", "SILworX", "Dell Precision 3660",
        ["V12.0.0", "V13.0.0"], DellOui, DellServiceTag, Patchability.VendorApproval, "rdp");

    // --- Field instruments and small drives ---
    public static readonly DemoProduct PromagFlowmeter = Device(AssetKind.FieldDevice, "Endress+Hauser", "Proline Promag 300", "5W3C",
        ["01.01.zz", "01.03.zz"], "00:07:05", "?#####???##", Patchability.Never, "enip", "http");

    public static readonly DemoProduct PromassCoriolis = Device(AssetKind.FieldDevice, "Endress+Hauser", "Proline Promass 300", "8F3B",
        ["01.01.zz", "01.03.zz"], "00:07:05", "?#####???##", Patchability.Never, "enip", "http");

    public static readonly DemoProduct MicropilotRadar = Device(AssetKind.FieldDevice, "Endress+Hauser", "Micropilot FMR62 with PROFINET", "FMR62",
        ["01.00.zz", "01.01.zz"], "00:07:05", "?#####???##", Patchability.Never, "profinet-dcp", "http");

    public static readonly DemoProduct SickLector = Device(AssetKind.FieldDevice, "SICK", "Lector642 image-based code reader", "V2D642R-MXSXB4",
        ["V3.4.0", "V3.6.1"], "00:06:77", "########", Patchability.MaintenanceWindow, "profinet-dcp", "http");

    public static readonly DemoProduct FestoCpxAp = Device(AssetKind.FieldDevice, "Festo", "CPX-AP-I valve terminal PROFINET", "CPX-AP-I-PN-M12",
        ["V1.4.3", "V1.5.1"], "00:0e:f0", "?#########", Patchability.MaintenanceWindow, "profinet-dcp", "profinet-rt:eth");

    public static readonly DemoProduct SewMovidrive = Device(AssetKind.Drive, "SEW-EURODRIVE", "MOVIDRIVE B with DFE32B PROFINET", "MDX61B0015-5A3-4-0T",
        ["824 854 0.17", "824 854 0.19"], "00:0f:69", "##.##########.####.##", Patchability.MaintenanceWindow, "profinet-dcp", "profinet-rt:eth");

    public static readonly DemoProduct DanfossFc202 = Device(AssetKind.Drive, "Danfoss", "VLT AQUA Drive FC 202 with MCA 122 Modbus TCP", "FC-202P7K5T4E20H1",
        ["5.32", "5.40"], "00:1b:08", "######?###", Patchability.MaintenanceWindow, "modbus", "http");

    public static readonly DemoProduct MoxaNport = Device(AssetKind.Other, "Moxa", "NPort 5150 serial device server", "NPort 5150",
        ["3.9", "3.11"], "00:90:e8", "TA#?#######", Patchability.AnyTime, "http", "telnet:tcp/23", "realcom:tcp/950", "snmp");

    // --- Supervisory and operations software ---
    public static readonly DemoProduct PiServer = Device(AssetKind.Historian, "AVEVA", "PI Server (PI Data Archive)", "Dell PowerEdge R650",
        ["2018 SP3 Patch 4", "2023"], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "pi", "https", "rdp");

    public static readonly DemoProduct Ignition = IdentifiedByCpe(IgnitionCpe, Device(AssetKind.ScadaServer, "Inductive Automation", "Ignition Gateway", "Dell PowerEdge R450",
        ["8.1.33", "8.1.35"], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "ignition-http:tcp/8088", "ignition-https:tcp/8043", "ignition-gan:tcp/8060", "ignition-opcua:tcp/62541", "rdp"));

    public static readonly DemoProduct KepServer = Device(AssetKind.OpcServer, "PTC", "Kepware KEPServerEX", "Dell PowerEdge R450",
        ["6.14.263", "6.15.154"], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "kepware-opcua:tcp/49320", "msrpc:tcp/135", "rdp");

    public static readonly DemoProduct SystemPlatform = Device(AssetKind.ScadaServer, "AVEVA", "System Platform", "Dell PowerEdge R650",
        ["2020 R2 SP1", "2023"], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp", "msrpc:tcp/135", "smb", "mssql");

    public static readonly DemoProduct InTouchClient = Device(AssetKind.Hmi, "AVEVA", "InTouch HMI", "Dell OptiPlex XE4",
        ["2020 R2 SP1", "2023"], DellOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp", "smb");

    public static readonly DemoProduct OtWorkstation = Device(AssetKind.Workstation, "Microsoft", "Windows", "Dell OptiPlex XE4",
        [Windows10Ltsc], DellOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp", "smb");

    public static readonly DemoProduct OtDomainController = Device(AssetKind.Server, "Microsoft", "Windows Server Active Directory", "Dell PowerEdge R450",
        [Server2019], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "ldap", "kerberos", "dns", "smb", "rdp");

    public static readonly DemoProduct WsusServer = Device(AssetKind.Server, "Microsoft", "Windows Server Update Services", "Dell PowerEdge R450",
        [Server2019], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "wsus:tcp/8530", "wsus-tls:tcp/8531", "rdp");

    public static readonly DemoProduct BackupServer = Device(AssetKind.Server, "Veeam", "Veeam Backup & Replication", "Dell PowerEdge R650",
        ["12.1", "12.3"], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "veeam:tcp/9392", "smb", "rdp");

    public static readonly DemoProduct AvRelay = Device(AssetKind.Server, "Trend Micro", "Apex One update relay", "Dell PowerEdge R450",
        ["14.0"], DellServerOui, DellServiceTag, Patchability.AnyTime, "https", "rdp");

    public static readonly DemoProduct JumpHost = Device(AssetKind.JumpHost, "Microsoft", "Windows Server Remote Desktop Session Host", "Dell PowerEdge R450",
        [Server2019], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "rdp");

    public static readonly DemoProduct LineRecipeApp = Device(AssetKind.CustomApplication, "In-house", "Recipe & OEE manager", "IIS on Windows Server 2019",
        ["2.4.1", "2.6.0"], DellServerOui, DellServiceTag, Patchability.MaintenanceWindow, "https", "mssql");

    // --- Network security ---
    public static readonly DemoProduct FortiGate200F = Device(AssetKind.Firewall, "Fortinet", "FortiGate", "FG-200F",
        ["FortiOS 7.2.8", "FortiOS 7.4.3"], "00:09:0f", "FG200F##########", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    public static readonly DemoProduct FortiGate100F = Device(AssetKind.Firewall, "Fortinet", "FortiGate", "FG-100F",
        ["FortiOS 7.2.8", "FortiOS 7.4.3"], "00:09:0f", "FG100F##########", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    public static readonly DemoProduct PaloAlto3220 = Device(AssetKind.Firewall, "Palo Alto Networks", "PAN-OS", "PA-3220",
        ["10.2.9-h1", "11.1.2-h3"], "00:1b:17", "############", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    public static readonly DemoProduct PaloAlto850 = Device(AssetKind.Firewall, "Palo Alto Networks", "PAN-OS", "PA-850",
        ["10.2.9-h1", "11.0.4"], "00:1b:17", "############", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    public static readonly DemoProduct CiscoIsa3000 = Device(AssetKind.Firewall, "Cisco", "Firepower Threat Defense", "ISA3000-4C",
        ["7.2.5", "7.4.1"], CiscoOui, "JAD####????", Patchability.MaintenanceWindow, "https", "ssh");

    public static readonly DemoProduct CiscoFirepower2130 = Device(AssetKind.Firewall, "Cisco", "Firepower Threat Defense", "FPR-2130",
        ["7.2.5", "7.4.1"], CiscoOui, "JAD####????", Patchability.MaintenanceWindow, "https", "ssh");

    public static readonly DemoProduct CiscoAsa5516 = Device(AssetKind.VpnGateway, "Cisco", "Adaptive Security Appliance (AnyConnect)", "ASA5516-X",
        ["9.16(4)", "9.18(3)"], CiscoOui, "JAD####????", Patchability.MaintenanceWindow, "https", "ipsec", "ipsec-nat-t:udp/4500");

    public static readonly DemoProduct CiscoIsr4331 = Device(AssetKind.Router, "Cisco", "IOS XE", "ISR4331/K9",
        ["17.9.4a", "17.12.2"], CiscoOui, "FDO####????", Patchability.MaintenanceWindow, "ssh", "snmp", "bgp:tcp/179");

    public static readonly DemoProduct CiscoIe4000 = Device(AssetKind.Switch, "Cisco", "Industrial Ethernet 4000", "IE-4000-8GT4G4E",
        ["15.2(8)E4", "15.2(8)E5"], CiscoOui, "FOC####????", Patchability.MaintenanceWindow, "ssh", "https", "snmp");

    public static readonly DemoProduct CiscoCatalyst9300 = Device(AssetKind.Switch, "Cisco", "Catalyst 9300", "C9300-48P",
        ["17.9.4a", "17.12.2"], CiscoOui, "FOC####????", Patchability.AnyTime, "ssh", "https", "snmp");

    public static readonly DemoProduct HirschmannRs20 = Device(AssetKind.Switch, "Hirschmann", "RS20 Rail Switch", "RS20-0800T1T1SDAE",
        ["L2P 09.0.08", "L2P 09.1.06"], "00:80:63", "94#############", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    public static readonly DemoProduct HirschmannEagle40 = Device(AssetKind.Firewall, "Hirschmann", "EAGLE40 industrial firewall", "EAGLE40-0400999TT999TCCY9HSE3F",
        ["HiSecOS 04.2.03", "HiSecOS 04.4.00"], "00:80:63", "94#############", Patchability.MaintenanceWindow, "https", "ssh", "snmp");

    public static readonly DemoProduct OwlDiode = Device(AssetKind.DataDiode, "Owl Cyber Defense", "OPDS data diode", "OPDS-100",
        ["OS 3.2.1"], "5c:90:12", "OWL-#######", Patchability.VendorApproval, "https");

    public static readonly DemoProduct SecomeaSiteManager = Device(AssetKind.VpnGateway, "Secomea", "SiteManager", "SiteManager 1149",
        ["11.1.24056", "11.2.24218"], null, "SM1149-#######", Patchability.VendorApproval, "https");

    public static readonly DemoProduct AzureIotEdge = Device(AssetKind.CloudConnector, "Microsoft", "Azure IoT Edge", "SIMATIC IPC227G",
        ["1.4.27", "1.5.0"], SiemensOui, SiemensSerial, Patchability.AnyTime, "ssh");

    public static readonly DemoProduct SiteWiseEdge = Device(AssetKind.CloudConnector, "Amazon Web Services", "AWS IoT SiteWise Edge", "Dell Edge Gateway 5200",
        ["3.1.1", "3.2.0"], DellOui, DellServiceTag, Patchability.AnyTime, "ssh");

    // --- Office IT ---
    public static readonly DemoProduct OfficePc = Device(AssetKind.Workstation, "Microsoft", "Windows", "Dell OptiPlex 7010",
        [Windows11, "Windows 11 Enterprise 22H2", "Windows 10 Enterprise 22H2"], DellOui, DellServiceTag, Patchability.AnyTime, "smb", "msrpc:tcp/135");

    public static readonly DemoProduct OfficeLaptop = Device(AssetKind.Workstation, "Microsoft", "Windows", "Dell Latitude 5440",
        [Windows11], DellOui, DellServiceTag, Patchability.AnyTime, "smb", "msrpc:tcp/135");

    public static readonly DemoProduct HpLaserJet = Device(AssetKind.Printer, "HP", "LaserJet Enterprise", "M507dn",
        ["FutureSmart 5.6", "FutureSmart 5.7"], "3c:d9:2b", "PHB?######", Patchability.AnyTime, "jetdirect:tcp/9100", "ipp:tcp/631", "http", "snmp");

    public static readonly DemoProduct KyoceraMfp = Device(AssetKind.Printer, "Kyocera", "TASKalfa", "TASKalfa 3554ci",
        ["2XM_S000.002.405"], "24:29:fe", "R4P#######", Patchability.AnyTime, "jetdirect:tcp/9100", "ipp:tcp/631", "https", "snmp");

    public static readonly DemoProduct DomainController = Device(AssetKind.Server, "Microsoft", "Windows Server Active Directory", "Dell PowerEdge R650",
        [Server2022], DellServerOui, DellServiceTag, Patchability.AnyTime, "ldap", "kerberos", "dns", "smb", "rdp");

    public static readonly DemoProduct FileServer = Device(AssetKind.Server, "Microsoft", "Windows Server", "Dell PowerEdge R650",
        [Server2022], DellServerOui, DellServiceTag, Patchability.AnyTime, "smb", "rdp");

    public static readonly DemoProduct Lims = Device(AssetKind.CustomApplication, "LabWare", "LabWare LIMS", "Windows Server 2022 VM",
        ["7.2", "8.0"], DellServerOui, DellServiceTag, Patchability.AnyTime, "https", "mssql");

    private static DemoProduct Controller(AssetKind kind, string vendor, string product, string model, string[] versions, string? oui, string serial, params string[] services) =>
        new(kind, vendor, product, model, versions, oui, serial, Services(services), Patchability.MaintenanceWindow);

    // Safety controllers are patched only with the safety vendor's approval, or never once the safety case is signed off.
    private static DemoProduct SafetyController(string vendor, string product, string model, string[] versions, string? oui, string serial, Patchability patchability, params string[] services) =>
        new(AssetKind.SafetyController, vendor, product, model, versions, oui, serial, Services(services), patchability);

    private static DemoProduct Device(AssetKind kind, string vendor, string product, string model, string[] versions, string? oui, string serial, Patchability patchability, params string[] services) =>
        new(kind, vendor, product, model, versions, oui, serial, Services(services), patchability);

    private static DemoProduct IdentifiedByCpe(string cpeTemplate, DemoProduct product) => product with { CpeTemplate = cpeTemplate };

    private static ServiceEndpoint[] Services(string[] specs) => specs.Select(ServiceEndpoint.Parse).ToArray();
}
