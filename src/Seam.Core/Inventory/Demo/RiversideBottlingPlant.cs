using static Seam.Inventory.Demo.DemoCatalog;

namespace Seam.Inventory.Demo;

/// <summary>
/// Kestrel Beverages' Riverside plant: two packaging lines (a Krones PET line on SIMATIC, a can line on
/// ControlLogix), a syrup room with CIP, utilities with ammonia refrigeration and steam, and the safety
/// systems that protect them. Downtime costs are per hour in EUR.
/// </summary>
internal static class RiversideBottlingPlant
{
    public const string SiteId = "riverside";

    private const decimal Line1PerHour = 18_000m;
    private const decimal Line2PerHour = 22_000m;

    // The syrup room feeds both lines and utilities feed everything: losing them stops the whole plant.
    private const decimal SyrupRoomPerHour = 40_000m;
    private const decimal UtilitiesPerHour = 45_000m;

    // Without MES and the historian the lines run on for a shift; then recipes and release records stall.
    private const decimal SiteOperationsPerHour = 8_000m;

    public static void Build(DemoBuilder model, int copy, SiteShape shape)
    {
        var suffix = copy == 0 ? string.Empty : "-" + (copy + 1);
        var site = model.Site(SiteId + suffix, copy == 0 ? "R" : "R" + (copy + 1), siteOctet: 10,
            name: copy == 0 ? "Riverside bottling plant" : $"Riverside bottling plant #{copy + 1}",
            location: "Riverside Industrial Park, Elbe valley",
            description: "Kestrel Beverages soft-drink plant: PET and can lines, syrup room with CIP, utilities with ammonia refrigeration and a steam boiler.",
            shape);
        model.Team(site.ItTeam, $"{(copy == 0 ? "Riverside" : "Riverside #" + (copy + 1))} site IT", TeamSide.It, $"it{suffix}@riverside.kestrel-group.example");
        model.Team(site.OtTeam, $"{(copy == 0 ? "Riverside" : "Riverside #" + (copy + 1))} automation & controls", TeamSide.Ot, $"automation{suffix}@riverside.kestrel-group.example");

        var backbone = BuildSiteZones(site);
        var packaging = new List<PackagingHall>();
        for (var area = 0; area < shape.AreaCopies; area++)
        {
            packaging.Add(BuildPackagingHall(site, backbone, area));
            BuildProcessArea(site, backbone, area);
        }

        BuildEntryPoints(site, backbone, packaging[0]);
        if (shape.WithDeliberateSmells)
        {
            AddDeliberateSmells(site, backbone, packaging[0]);
        }
    }

    private sealed record Backbone(ZoneBuilder Edge, ZoneBuilder Enterprise, ZoneBuilder Dmz, ZoneBuilder Operations, Asset CoreFirewall, Asset SiteManager);

    private sealed record PackagingHall(ZoneBuilder Supervisory, ZoneBuilder Line1, ZoneBuilder Line2, IReadOnlyList<Asset> Line1Targets);

    private static Backbone BuildSiteZones(SiteBuilder site)
    {
        var edge = site.Zone("l5.internet-edge", "Internet edge", PurdueLevel.EnterpriseNetwork, 1, 250, site.ItTeam,
            "ISP uplink and the edge firewall pair; everything outside is the internet.");
        var edgeFirewalls = edge.Add(FortiGate200F, "Edge firewall", count: 2, criticality: 3);
        edge.Add(CiscoIsr4331, "ISP router", criticality: 3);

        var office = site.Zone("l4.enterprise", "Enterprise (office IT)", PurdueLevel.Enterprise, 1, 40, site.ItTeam,
            "Offices, planning, quality lab and the site's Windows domain; joined to the group network.");
        office.Add(OfficePc, "Office PC", count: 24, criticality: 1);
        office.Add(OfficeLaptop, "Laptop", count: 6, criticality: 1);
        office.Add(HpLaserJet, "Printer", count: 3, criticality: 1);
        office.Add(KyoceraMfp, "Multifunction printer", count: 2, criticality: 1);
        office.Add(DomainController, "Domain controller", count: 2, criticality: 3);
        office.Add(FileServer, "File server", criticality: 2);
        office.Add(Lims, "Quality lab LIMS", criticality: 3, notes: "Release of each batch of syrup waits for the lab's results in LIMS.");
        office.Add(CiscoCatalyst9300, "Office switch", count: 2, criticality: 2);

        var dmz = site.Zone("l35.idmz", "Industrial DMZ", PurdueLevel.IndustrialDmz, 3, 35, "group.seam",
            "Brokered services between office and plant: historian replica, jump host, update mirrors, the OEM's remote-access appliance and the cloud connector.",
            downtimeCostPerHour: 1_500m);
        var itFirewall = dmz.AddOne(PaloAlto3220, "IDMZ firewall (IT side)", criticality: 4);
        var otFirewall = dmz.AddOne(FortiGate100F, "IDMZ firewall (OT side)", criticality: 4);
        dmz.AddOne(JumpHost, "Remote-access jump host", criticality: 3, notes: "RD Gateway with MFA in front; sessions recorded.");
        dmz.AddOne(PiServer, "PI replica for office users", criticality: 2);
        dmz.AddOne(WsusServer, "Upstream WSUS", criticality: 2);
        dmz.AddOne(AvRelay, "Antivirus update relay", criticality: 2);
        var siteManager = dmz.AddOne(SecomeaSiteManager, "Krones remote service SiteManager", criticality: 3,
            notes: "UPLINK in the IDMZ, DEV port into the Line 1 cell; enabled by the shift lead's key switch.");
        dmz.AddOne(AzureIotEdge, "OEE cloud connector", criticality: 2, notes: "Publishes line OEE to the group's Azure tenant, outbound only.");
        dmz.Add(CiscoIe4000, "IDMZ switch", count: 2, criticality: 3);

        var ops = site.Zone("l3.site-ops", "Site operations", PurdueLevel.Operations, 2, 30, site.OtTeam,
            "MES, historian, SCADA servers and the OT domain that serve all lines.",
            processLine: "Site-wide", downtimeCostPerHour: SiteOperationsPerHour);
        var coreFirewall = ops.AddOne(CiscoIsa3000, "OT core firewall", criticality: 4);
        ops.AddOne(PiServer, "Site historian", criticality: 4);
        ops.Add(Ignition, "Ignition SCADA gateway", count: 2, criticality: 4);
        ops.AddOne(LineRecipeApp, "Recipe & OEE manager", criticality: 4, notes: "Built in-house in 2019; downloads recipes to Line 1 and Line 2 controllers.");
        ops.Add(OtDomainController, "OT domain controller", count: 2, criticality: 4);
        ops.AddOne(BackupServer, "OT backup server", criticality: 3, notes: "Holds the only copies of the PLC and HMI project backups.");
        ops.AddOne(WsusServer, "OT WSUS", criticality: 2);
        ops.Add(OtWorkstation, "Shift office PC", count: 4, criticality: 2);
        ops.AddOne(HpLaserJet, "Shift office printer", criticality: 1);
        ops.Add(CiscoIe4000, "OT core switch", count: 2, criticality: 4);

        site.Conduit("l4-to-l5", office, edge, "https, http, dns, ntp, smtp:tcp/25", SiteBuilder.EnforcedBy(edgeFirewalls[0]),
            "Office internet access and mail relay, proxied and filtered at the edge.");
        site.Conduit("l35-to-l5", dmz, edge, "https, mqtts", SiteBuilder.EnforcedBy(edgeFirewalls[0]),
            "Outbound only: the SiteManager to the Secomea GateManager, the cloud connector to Azure IoT Hub.");
        site.Conduit("l4-to-l35", office, dmz, "https, rdp", SiteBuilder.EnforcedBy(itFirewall),
            "PI Vision and PI Web API on the replica; RDP to the jump host behind RD Gateway with MFA.");
        site.Conduit("l3-to-l35", ops, dmz, "pi, wsus-tls:tcp/8531, https, syslog", SiteBuilder.EnforcedBy(otFirewall),
            "PI-to-PI replication to the replica, OT WSUS and antivirus pulling from their upstream mirrors, logs to the group SIEM collector.");
        site.Conduit("l35-to-l3", dmz, ops, "rdp", SiteBuilder.EnforcedBy(otFirewall),
            "Jump host to the operations servers and, through them, the engineering workstations.");

        return new Backbone(edge, office, dmz, ops, coreFirewall, siteManager);
    }

    private static PackagingHall BuildPackagingHall(SiteBuilder site, Backbone backbone, int area)
    {
        var suffix = SiteBuilder.AreaSuffix(area);
        var line1 = 2 * area + 1;
        var line2 = 2 * area + 2;
        var line1Name = $"Line {line1} – PET bottling";
        var line2Name = $"Line {line2} – can filling";

        var supervisory = site.Zone($"l2.packaging{suffix}", $"Packaging supervisory{Hall(area)}", PurdueLevel.Supervisory, 2, 21, site.OtTeam,
            $"Operator stations, engineering workstations and the OPC server for lines {line1} and {line2}.",
            processLine: $"Lines {line1}–{line2} – packaging", downtimeCostPerHour: Line1PerHour + Line2PerHour);
        supervisory.Add(WinCcRtAdvanced, $"Line {line1} operator station", count: 2, criticality: 4);
        supervisory.Add(FactoryTalkViewSeClient, $"Line {line2} operator station", count: 2, criticality: 4);
        supervisory.AddOne(FactoryTalkViewSeServer, $"Line {line2} FactoryTalk View SE server", criticality: 4);
        supervisory.AddOne(TiaPortalEws, $"Line {line1} engineering workstation", criticality: 3);
        supervisory.AddOne(Studio5000Ews, $"Line {line2} engineering workstation", criticality: 3);
        supervisory.AddOne(KepServer, "Packaging OPC server", criticality: 4, notes: "Polls both lines' controllers and serves OPC UA to the Ignition gateways.");
        supervisory.Add(ScalanceXc216, "Packaging supervisory switch", count: 2, criticality: 4);

        var pet = site.Zone($"l1.line{line1}-pet", $"{line1Name} cell", PurdueLevel.BasicControl, 2, 11, site.OtTeam,
            "Krones blow-fill-cap block, labeller, shrink packer and palletiser on SIMATIC S7-1500.",
            processLine: line1Name, downtimeCostPerHour: Line1PerHour, maintainerTeamId: "vendor.krones");
        var cellFirewall1 = pet.AddOne(ScalanceSc646, $"Line {line1} cell firewall", criticality: 4);
        var petMain = pet.AddOne(S7Cpu1516, $"Line {line1} blow-fill-cap block CPU", criticality: 5, crownJewel: true);
        var petPlcs = pet.Add(S7Cpu1515, $"Line {line1} labeller and packer CPU", count: 2, criticality: 4);
        pet.Add(S7Cpu1511, $"Line {line1} conveyor and palletiser CPU", count: 2, criticality: 4);
        pet.Add(S7Cpu1214, $"Line {line1} skid CPU (CO2 dosing, shrink tunnel, coder)", count: 3, criticality: 3);
        pet.Add(Et200sp, $"Line {line1} ET 200SP station", count: 8, criticality: 4);
        var petPanels = pet.Add(Tp1200Comfort, $"Line {line1} machine panel", count: 3, criticality: 3);
        pet.Add(ScalanceXc208, $"Line {line1} cell switch", count: 3, criticality: 4);

        var can = site.Zone($"l1.line{line2}-can", $"{line2Name} cell", PurdueLevel.BasicControl, 2, 12, site.OtTeam,
            "Depalletiser, filler-seamer, pasteuriser and packer on ControlLogix and CompactLogix.",
            processLine: line2Name, downtimeCostPerHour: Line2PerHour);
        var cellFirewall2 = can.AddOne(Stratix5950, $"Line {line2} cell firewall", criticality: 4);
        can.AddOne(ControlLogixL83, $"Line {line2} filler-seamer controller", criticality: 5, crownJewel: true);
        can.AddOne(ControlLogixL81, $"Line {line2} pasteuriser controller", criticality: 4);
        can.AddOne(GuardLogixL83S, $"Line {line2} machine safety controller", criticality: 5,
            notes: "Guard doors and light curtains of the filler-seamer; a trip stops the line, a fault can hurt an operator.");
        can.Add(CompactLogix5380, $"Line {line2} depalletiser, packer and conveyor controller", count: 3, criticality: 4);
        can.Add(PanelViewPlus7, $"Line {line2} machine panel", count: 4, criticality: 3);
        can.Add(PointIoAentr, $"Line {line2} POINT I/O adapter", count: 6, criticality: 4);
        can.Add(Stratix5700, $"Line {line2} cell switch", count: 3, criticality: 4);

        var field = site.Zone($"l0.packaging-field{suffix}", $"Packaging field devices{Hall(area)}", PurdueLevel.Process, 2, 1, site.OtTeam,
            $"Drives, valve terminals, code readers and instruments on lines {line1} and {line2}.",
            processLine: $"Lines {line1}–{line2} – packaging", downtimeCostPerHour: Line1PerHour);
        field.Add(SinamicsG120, $"Line {line1} conveyor drive", count: 10, criticality: 3);
        field.Add(SewMovidrive, $"Line {line1} palletiser axis drive", count: 4, criticality: 3);
        field.Add(FestoCpxAp, $"Line {line1} valve terminal", count: 4, criticality: 3);
        field.Add(MicropilotRadar, $"Line {line1} filler bowl level", count: 2, criticality: 4);
        field.Add(PromagFlowmeter, $"Line {line1} product flowmeter", count: 2, criticality: 4);
        field.Add(SickLector, $"Line {line1} code reader", count: 2, criticality: 2);
        field.Add(PowerFlex755, $"Line {line2} conveyor and pasteuriser pump drive", count: 8, criticality: 3, downtimeCostPerHour: Line2PerHour);
        field.Add(SickLector, $"Line {line2} code reader", count: 2, criticality: 2, downtimeCostPerHour: Line2PerHour);

        site.Conduit($"l3-to-l2-packaging{suffix}", backbone.Operations, supervisory,
            "opcua, kepware-opcua:tcp/49320, ignition-gan:tcp/8060, rdp, smb, ldap, kerberos, dns, ntp, https", SiteBuilder.EnforcedBy(backbone.CoreFirewall),
            "SCADA and MES to the packaging hall: OPC UA from the OPC server, domain services, backups of the engineering workstations.");
        site.Conduit($"l2-to-l1-line{line1}", supervisory, pet, "s7, https, vnc", SiteBuilder.EnforcedBy(cellFirewall1),
            "Operator stations and the OPC server read the S7-1500s; TIA Portal downloads; VNC to the machine panels.");
        site.Conduit($"l2-to-l1-line{line2}", supervisory, can, "enip, enip-udp:udp/44818, http, vnc", SiteBuilder.EnforcedBy(cellFirewall2),
            "FactoryTalk View and the OPC server read the Logix controllers; Studio 5000 downloads; VNC to the PanelViews.");
        site.Conduit($"l1-line{line1}-to-l0", pet, field, "profinet-rt:eth, profinet-dcp, http", "Line cell switches (VLAN only, no filtering)",
            "PROFINET IO between the S7-1500s and their drives, valve terminals and instruments.");
        site.Conduit($"l1-line{line2}-to-l0", can, field, "enip, cip-io, http", "Line cell switches (VLAN only, no filtering)",
            "EtherNet/IP I/O between the Logix controllers and the PowerFlex drives.");
        site.Conduit($"l35-to-l1-line{line1}", backbone.Dmz, pet, "s7, https, vnc", SiteBuilder.EnforcedBy(backbone.SiteManager) + " device allow-list",
            "Krones remote service: the SiteManager's DEV port reaches only the Line 1 controllers and panels it lists.");

        return new PackagingHall(supervisory, pet, can, [petMain, .. petPlcs, .. petPanels]);
    }

    private static void BuildProcessArea(SiteBuilder site, Backbone backbone, int area)
    {
        var suffix = SiteBuilder.AreaSuffix(area);
        var syrupLine = "Syrup room & CIP" + Hall(area);
        var utilitiesLine = "Utilities – water, refrigeration, air, steam" + Hall(area);

        var supervisory = site.Zone($"l2.process{suffix}", $"Process supervisory{Hall(area)}", PurdueLevel.Supervisory, 2, 22, site.OtTeam,
            "Operator stations and engineering workstations of the syrup room, utilities and the safety systems.",
            processLine: syrupLine, downtimeCostPerHour: SyrupRoomPerHour);
        supervisory.Add(FactoryTalkViewSeClient, "Syrup room operator station", count: 2, criticality: 4);
        supervisory.AddOne(InTouchClient, "Utilities operator station", criticality: 4);
        supervisory.AddOne(Studio5000Ews, "Syrup room engineering workstation", criticality: 3);
        supervisory.AddOne(ControlExpertEws, "Utilities engineering workstation", criticality: 3);
        supervisory.AddOne(SilworxEws, "Safety engineering workstation", criticality: 4, safetyRelevant: true,
            notes: "Programs the ammonia ESD and boiler BMS; kept powered off between safety changes.");
        supervisory.AddOne(Stratix5700, "Process supervisory switch", criticality: 4);

        var syrup = site.Zone($"l1.syrup-room{suffix}", $"{syrupLine} cell", PurdueLevel.BasicControl, 2, 13, site.OtTeam,
            "Sugar dissolving, syrup batching and clean-in-place for both lines.",
            processLine: syrupLine, downtimeCostPerHour: SyrupRoomPerHour);
        var syrupFirewall = syrup.AddOne(Stratix5950, "Syrup room cell firewall", criticality: 4);
        syrup.AddOne(ControlLogixL85, "Syrup batching controller", criticality: 5, crownJewel: true);
        syrup.Add(CompactLogix5380, "CIP skid controller", count: 2, criticality: 4);
        syrup.Add(PanelViewPlus7, "Syrup room panel", count: 2, criticality: 3);
        syrup.Add(Flex5000Aentr, "Syrup room FLEX 5000 adapter", count: 4, criticality: 4);
        syrup.AddOne(Stratix5700, "Syrup room switch", criticality: 4);

        var utilities = site.Zone($"l1.utilities{suffix}", $"{utilitiesLine} cell", PurdueLevel.BasicControl, 2, 14, site.OtTeam,
            "Water treatment, ammonia refrigeration, compressed air and the steam boiler house on Modicon.",
            processLine: utilitiesLine, downtimeCostPerHour: UtilitiesPerHour);
        var utilitiesFirewall = utilities.AddOne(HirschmannEagle40, "Utilities cell firewall", criticality: 4);
        utilities.Add(ModiconM580, "Water treatment and refrigeration controller", count: 2, criticality: 5);
        utilities.Add(ModiconM340, "Compressor and boiler house controller", count: 3, criticality: 4);
        utilities.Add(HarmonyGto, "Utilities panel", count: 2, criticality: 3);
        utilities.Add(HirschmannRs20, "Utilities switch", count: 2, criticality: 4);

        var safety = site.Zone($"l1.safety{suffix}", $"Safety systems{Hall(area)}", PurdueLevel.BasicControl, 3, 19, site.OtTeam,
            "Ammonia refrigeration emergency shutdown and the boiler burner management system.",
            processLine: utilitiesLine, downtimeCostPerHour: UtilitiesPerHour);
        var safetyFirewall = safety.AddOne(HirschmannEagle40, "Safety zone firewall", criticality: 5);
        safety.AddOne(HimaHimax, "Ammonia refrigeration ESD", criticality: 5, crownJewel: true);
        safety.AddOne(S7Cpu1516F, "Boiler burner management system", criticality: 5, crownJewel: true);
        safety.AddOne(HimaHimatrixF35, "Ammonia compressor safety", criticality: 5);
        safety.AddOne(HirschmannRs20, "Safety zone switch", criticality: 5);

        var field = site.Zone($"l0.process-field{suffix}", $"Process field devices{Hall(area)}", PurdueLevel.Process, 2, 2, site.OtTeam,
            "Flowmeters, pumps and fans of the syrup room and utilities.",
            processLine: syrupLine, downtimeCostPerHour: SyrupRoomPerHour);
        field.Add(PromagFlowmeter, "Syrup dosing flowmeter", count: 4, criticality: 4);
        field.Add(PowerFlex755, "Syrup room pump drive", count: 4, criticality: 4);
        field.Add(DanfossFc202, "Utilities pump and fan drive", count: 4, criticality: 4, downtimeCostPerHour: UtilitiesPerHour);

        site.Conduit($"l3-to-l2-process{suffix}", backbone.Operations, supervisory,
            "opcua, ignition-gan:tcp/8060, rdp, smb, ldap, kerberos, dns, ntp, https", SiteBuilder.EnforcedBy(backbone.CoreFirewall),
            "SCADA, historian collection and domain services for the process area.");
        site.Conduit($"l2-to-l1-syrup{suffix}", supervisory, syrup, "enip, enip-udp:udp/44818, http, vnc", SiteBuilder.EnforcedBy(syrupFirewall),
            "FactoryTalk View and Studio 5000 to the syrup room controllers.");
        site.Conduit($"l2-to-l1-utilities{suffix}", supervisory, utilities, "modbus, http, ftp:tcp/21", SiteBuilder.EnforcedBy(utilitiesFirewall),
            "InTouch polls the Modicons over Modbus; Control Expert downloads and FTP firmware loads.");
        site.Conduit($"l2-to-l1-safety{suffix}", supervisory, safety, "modbus, s7, padt:udp/8001", SiteBuilder.EnforcedBy(safetyFirewall) + " with Modbus read-only inspection",
            "Operator stations read SIS status (Modbus read-only); SILworX and TIA Portal reach the safety controllers only from the safety EWS.");
        site.Conduit($"l1-syrup-to-l0{suffix}", syrup, field, "enip, cip-io", "Syrup room switch (VLAN only, no filtering)",
            "EtherNet/IP I/O to flowmeters and pump drives.");
        site.Conduit($"l1-utilities-to-l0{suffix}", utilities, field, "modbus", "Utilities switch (VLAN only, no filtering)",
            "Modbus/TCP to the Danfoss drives of pumps and cooling-tower fans.");
    }

    private static void BuildEntryPoints(SiteBuilder site, Backbone backbone, PackagingHall hall)
    {
        site.EntryPoint("internet", "Internet", EntryPointKind.Internet, backbone.Edge,
            "The site's ISP uplink.");
        site.EntryPoint("enterprise-it", "Enterprise IT network", EntryPointKind.EnterpriseIt, backbone.Enterprise,
            "Office PCs and laptops that browse, read mail and are joined to the group network.");
        site.EntryPoint("krones-secomea", "Krones remote service", EntryPointKind.VendorRemoteAccess, backbone.Dmz,
            "The Line 1 OEM's service desk connects through Secomea's GateManager when the shift lead turns the SiteManager's key switch.",
            vendor: "Krones", method: "Secomea LinkManager via GateManager to SiteManager 1149", targets: hall.Line1Targets,
            mfa: true, availability: RemoteAccessAvailability.OnDemand);
        site.EntryPoint("removable-media", "USB media in the packaging hall", EntryPointKind.RemovableMedia, hall.Supervisory,
            "Recipes, Krones service packs and HMI images are carried to the operator stations and engineering workstations on USB sticks.");
    }

    /// <summary>What the demo is meant to show: see docs/demo-plant.md and <see cref="DemoPlant.DeliberateSmells"/>.</summary>
    private static void AddDeliberateSmells(SiteBuilder site, Backbone backbone, PackagingHall hall)
    {
        site.Conduit("l4-to-l2-packaging", backbone.Enterprise, hall.Supervisory, "vnc, https",
            "ACL OT-LEGACY-41 on the OT core switch",
            "Opened in 2021 so planners could watch the line HMIs over VNC from the office; nobody removed it when the IDMZ went live.");

        var gateway = hall.Line2.AddOne(MoxaNport, "CO2 analyser serial gateway", criticality: 3,
            notes: "Installed by the analyser supplier during commissioning; not in any drawing or support contract.");
        gateway.OwnerTeamId = null;
        gateway.MaintainerTeamId = null;

        var panel = hall.Line1.AddOne(Tp1200Comfort, "Line 1 labeller panel (spare from Line 2)", criticality: 3,
            notes: "Swapped in from Line 2's spares after a failure in 2024 and never re-addressed.");
        panel.Addresses = [hall.Line2.NextAddress()];
    }

    private static string Hall(int area) => area == 0 ? string.Empty : " " + (area + 1);
}
