using static Seam.Inventory.Demo.DemoCatalog;

namespace Seam.Inventory.Demo;

/// <summary>
/// Kestrel Specialty Chemicals' Eastport plant: batch reactors and solvent recovery on Rockwell PlantPAx
/// with FactoryTalk Batch, a tank farm and truck loading on Modicon, a thermal oxidizer that the emissions
/// permit depends on, drumming on SIMATIC, and Triconex and HIMA safety systems. Downtime costs are per hour in EUR.
/// </summary>
internal static class EastportChemicalPlant
{
    public const string SiteId = "eastport";

    private const decimal ReactorsPerHour = 60_000m;
    private const decimal DistillationPerHour = 35_000m;
    private const decimal TankFarmPerHour = 20_000m;

    // The permit forbids venting: without the thermal oxidizer every unit must stop.
    private const decimal UtilitiesPerHour = 70_000m;
    private const decimal DrummingPerHour = 6_000m;

    // Batches in progress can finish without the batch server only by hand; new batches cannot start.
    private const decimal SiteOperationsPerHour = 25_000m;

    public static void Build(DemoBuilder model, int copy, SiteShape shape)
    {
        var suffix = copy == 0 ? string.Empty : "-" + (copy + 1);
        var label = copy == 0 ? "Eastport" : "Eastport #" + (copy + 1);
        var site = model.Site(SiteId + suffix, copy == 0 ? "E" : "E" + (copy + 1), siteOctet: 20,
            name: copy == 0 ? "Eastport chemical plant" : $"Eastport chemical plant #{copy + 1}",
            location: "Eastport harbour chemical park",
            description: "Kestrel Specialty Chemicals batch plant: solvent-based resins in two reactor units, solvent recovery, tank farm with truck loading, drumming.",
            shape);
        model.Team(site.ItTeam, $"{label} site IT", TeamSide.It, $"it{suffix}@eastport.kestrel-group.example");
        model.Team(site.OtTeam, $"{label} process control", TeamSide.Ot, $"process-control{suffix}@eastport.kestrel-group.example");

        var backbone = BuildSiteZones(site);
        Unit? first = null;
        for (var area = 0; area < shape.AreaCopies; area++)
        {
            var unit = BuildProductionUnit(site, backbone, area);
            first ??= unit;
        }

        BuildEntryPoints(site, backbone, first!);
        if (shape.WithDeliberateSmells)
        {
            AddDeliberateSmells(site, backbone, first!);
        }
    }

    private sealed record Backbone(ZoneBuilder Edge, ZoneBuilder Enterprise, ZoneBuilder Dmz, ZoneBuilder Operations, Asset CoreFirewall);

    private sealed record Unit(ZoneBuilder ControlRoom, IReadOnlyList<Asset> SisTargets, Asset ReactorEws, IReadOnlyList<Asset> ReactorControllers);

    private static Backbone BuildSiteZones(SiteBuilder site)
    {
        var edge = site.Zone("l5.internet-edge", "Internet edge", PurdueLevel.EnterpriseNetwork, 1, 250, site.ItTeam,
            "ISP uplink, edge firewalls and the landing point of the vendor VPN.");
        var edgeFirewalls = edge.Add(PaloAlto850, "Edge firewall", count: 2, criticality: 3);
        edge.AddOne(CiscoIsr4331, "ISP router", criticality: 3);

        var office = site.Zone("l4.enterprise", "Enterprise (office IT)", PurdueLevel.Enterprise, 1, 40, site.ItTeam,
            "Offices, logistics, the QC lab and the site's Windows domain; joined to the group network.");
        office.Add(OfficePc, "Office PC", count: 20, criticality: 1);
        office.Add(OfficeLaptop, "Laptop", count: 6, criticality: 1);
        office.Add(HpLaserJet, "Printer", count: 2, criticality: 1);
        office.Add(KyoceraMfp, "Multifunction printer", count: 2, criticality: 1);
        office.Add(DomainController, "Domain controller", count: 2, criticality: 3);
        office.AddOne(FileServer, "File server", criticality: 2);
        office.AddOne(Lims, "QC lab LIMS", criticality: 3, notes: "Certificates of analysis for every resin batch are issued from LIMS.");
        office.Add(CiscoCatalyst9300, "Office switch", count: 2, criticality: 2);

        var dmz = site.Zone("l35.idmz", "Industrial DMZ", PurdueLevel.IndustrialDmz, 3, 35, "group.seam",
            "Historian replica behind the data diode, jump host, vendor VPN, update mirrors and the cloud connector.",
            downtimeCostPerHour: 2_000m);
        var itFirewall = dmz.AddOne(CiscoFirepower2130, "IDMZ firewall (IT side)", criticality: 4);
        var otFirewall = dmz.AddOne(FortiGate200F, "IDMZ firewall (OT side)", criticality: 4);
        var diode = dmz.AddOne(OwlDiode, "Historian data diode", criticality: 4, notes: "Send side in site operations, receive side in the IDMZ.");
        dmz.AddOne(CiscoAsa5516, "Vendor VPN gateway", criticality: 3, notes: "AnyConnect with certificate and one-time password; accounts enabled per request.");
        dmz.AddOne(JumpHost, "Remote-access jump host", criticality: 3, notes: "Vendor sessions land here and are recorded.");
        dmz.AddOne(PiServer, "PI replica for office users", criticality: 2);
        dmz.AddOne(WsusServer, "Upstream WSUS", criticality: 2);
        dmz.AddOne(AvRelay, "Antivirus update relay", criticality: 2);
        dmz.AddOne(SiteWiseEdge, "Energy monitoring cloud connector", criticality: 1, notes: "Sends steam and power data to the group's AWS account, outbound only.");
        dmz.Add(CiscoIe4000, "IDMZ switch", count: 2, criticality: 3);

        var ops = site.Zone("l3.site-ops", "Site operations", PurdueLevel.Operations, 2, 30, site.OtTeam,
            "Batch execution, historian and OT domain for all units.",
            processLine: "Site-wide", downtimeCostPerHour: SiteOperationsPerHour);
        var coreFirewall = ops.AddOne(CiscoIsa3000, "OT core firewall", criticality: 4);
        ops.AddOne(FactoryTalkBatch, "Batch server", criticality: 5, crownJewel: true,
            notes: "Runs every reactor recipe; its loss stops new batches and its manipulation can mis-charge a reactor.");
        ops.AddOne(PiServer, "Site historian", criticality: 4, notes: "Electronic batch records and emissions data for the permit.");
        ops.Add(OtDomainController, "OT domain controller", count: 2, criticality: 4);
        ops.AddOne(BackupServer, "OT backup server", criticality: 3);
        ops.AddOne(WsusServer, "OT WSUS", criticality: 2);
        ops.Add(OtWorkstation, "Shift supervisor PC", count: 4, criticality: 2);
        ops.Add(CiscoIe4000, "OT core switch", count: 2, criticality: 4);

        site.Conduit("l4-to-l5", office, edge, "https, http, dns, ntp, smtp:tcp/25", SiteBuilder.EnforcedBy(edgeFirewalls[0]),
            "Office internet access and mail relay.");
        site.Conduit("l5-to-l35", edge, dmz, "https, ipsec, ipsec-nat-t:udp/4500", SiteBuilder.EnforcedBy(edgeFirewalls[0]),
            "Vendor AnyConnect sessions from the internet to the VPN gateway.");
        site.Conduit("l35-to-l5", dmz, edge, "https, mqtts", SiteBuilder.EnforcedBy(edgeFirewalls[0]),
            "Outbound only: the cloud connector to AWS IoT SiteWise, update mirrors to the vendors.");
        site.Conduit("l4-to-l35", office, dmz, "https, rdp", SiteBuilder.EnforcedBy(itFirewall),
            "PI Vision on the replica; RDP to the jump host for OT staff working from the office.");
        site.Conduit("l3-to-l35-diode", ops, dmz, "pi", SiteBuilder.EnforcedBy(diode),
            "PI-to-PI replication from the site historian to the replica. Nothing can come back this way.", ConduitDirection.OneWay);
        site.Conduit("l3-to-l35", ops, dmz, "wsus-tls:tcp/8531, https, syslog", SiteBuilder.EnforcedBy(otFirewall),
            "OT WSUS and antivirus pull from their upstream mirrors; logs to the group SIEM collector.");
        site.Conduit("l35-to-l3", dmz, ops, "rdp", SiteBuilder.EnforcedBy(otFirewall),
            "Jump host to the operations servers and, through them, the engineering workstations.");

        return new Backbone(edge, office, dmz, ops, coreFirewall);
    }

    private static Unit BuildProductionUnit(SiteBuilder site, Backbone backbone, int area)
    {
        var suffix = SiteBuilder.AreaSuffix(area);
        var train = area == 0 ? string.Empty : " " + (area + 1);
        var reactorLine = $"Unit {100 * (2 * area + 1)} – batch reactors";
        var distillationLine = $"Unit {100 * (2 * area + 2)} – solvent recovery";
        var tankLine = "Tank farm & truck loading" + train;
        var utilitiesLine = "Utilities – thermal oxidizer, steam, cooling water" + train;
        var drummingLine = "Drumming & packaging" + train;

        var control = site.Zone($"l2.control-room{suffix}", $"Central control room{train}", PurdueLevel.Supervisory, 3, 21, site.OtTeam,
            "PlantPAx operator stations and servers, tank farm SCADA and the engineering workstations, including the Triconex one.",
            processLine: reactorLine, downtimeCostPerHour: ReactorsPerHour);
        control.Add(FactoryTalkViewSeServer, "PlantPAx FactoryTalk View SE server", count: 2, criticality: 5);
        control.Add(FactoryTalkViewSeClient, "PlantPAx operator station", count: 6, criticality: 4);
        control.AddOne(SystemPlatform, "Tank farm & utilities SCADA server", criticality: 4, downtimeCostPerHour: TankFarmPerHour);
        control.Add(InTouchClient, "Tank farm operator station", count: 2, criticality: 4, downtimeCostPerHour: TankFarmPerHour);
        control.AddOne(KepServer, "Tank farm OPC server", criticality: 4, downtimeCostPerHour: TankFarmPerHour);
        var reactorEws = control.AddOne(Studio5000Ews, "PlantPAx engineering workstation", criticality: 4);
        control.AddOne(Studio5000Ews, "PlantPAx engineering workstation (spare)", criticality: 3);
        control.AddOne(ControlExpertEws, "Tank farm engineering workstation", criticality: 3, downtimeCostPerHour: TankFarmPerHour);
        var triStation = control.AddOne(TriStationEws, "Triconex engineering workstation", criticality: 5, safetyRelevant: true,
            notes: "The only station allowed to program the Tricons; key switch on the Tricons stays in RUN otherwise.");
        control.AddOne(SilworxEws, "HIMA engineering workstation", criticality: 4, safetyRelevant: true);
        control.Add(Stratix5700, "Control room switch", count: 2, criticality: 5);

        var drummingSupervisory = site.Zone($"l2.drumming{suffix}", $"Drumming supervisory{train}", PurdueLevel.Supervisory, 2, 22, site.OtTeam,
            "Operator station and engineering workstation of the drumming line.",
            processLine: drummingLine, downtimeCostPerHour: DrummingPerHour);
        drummingSupervisory.AddOne(WinCcRtAdvanced, "Drumming operator station", criticality: 3);
        drummingSupervisory.AddOne(TiaPortalEws, "Drumming engineering workstation", criticality: 2);
        drummingSupervisory.AddOne(ScalanceXc208, "Drumming supervisory switch", criticality: 3);

        var reactors = site.Zone($"l1.reactors{suffix}", $"{reactorLine} cell", PurdueLevel.BasicControl, 3, 11, site.OtTeam,
            "Reactors R-101 and R-102 with feed and thermal-oil systems on ControlLogix (PlantPAx).",
            processLine: reactorLine, downtimeCostPerHour: ReactorsPerHour, maintainerTeamId: "vendor.delta");
        var reactorFirewall = reactors.AddOne(Stratix5950, "Reactor cell firewall", criticality: 5);
        var reactorControllers = reactors.Add(ControlLogixL85, "Reactor controller R-101/R-102", count: 2, criticality: 5, crownJewel: true);
        reactors.Add(ControlLogixL83, "Feed and thermal-oil controller", count: 2, criticality: 5);
        reactors.Add(Flex5000Aentr, "Reactor FLEX 5000 adapter", count: 8, criticality: 5);
        reactors.Add(PanelViewPlus7, "Reactor local panel", count: 2, criticality: 3);
        reactors.Add(Stratix5700, "Reactor cell switch", count: 2, criticality: 5);

        var distillation = site.Zone($"l1.distillation{suffix}", $"{distillationLine} cell", PurdueLevel.BasicControl, 3, 12, site.OtTeam,
            "Solvent recovery columns C-201 and C-202 on ControlLogix.",
            processLine: distillationLine, downtimeCostPerHour: DistillationPerHour, maintainerTeamId: "vendor.delta");
        var distillationFirewall = distillation.AddOne(Stratix5950, "Solvent recovery cell firewall", criticality: 4);
        distillation.Add(ControlLogixL83, "Column controller", count: 2, criticality: 4);
        distillation.Add(Flex5000Aentr, "Column FLEX 5000 adapter", count: 6, criticality: 4);
        distillation.AddOne(PanelViewPlus7, "Column local panel", criticality: 3);
        distillation.AddOne(Stratix5700, "Solvent recovery cell switch", criticality: 4);

        var tankFarm = site.Zone($"l1.tank-farm{suffix}", $"{tankLine} cell", PurdueLevel.BasicControl, 2, 13, site.OtTeam,
            "Raw-material and solvent tanks, transfer pumps and two truck loading bays on Modicon.",
            processLine: tankLine, downtimeCostPerHour: TankFarmPerHour);
        var tankFirewall = tankFarm.AddOne(HirschmannEagle40, "Tank farm cell firewall", criticality: 4);
        tankFarm.Add(ModiconM580, "Tank farm controller", count: 2, criticality: 4);
        tankFarm.Add(ModiconM340, "Loading bay controller", count: 3, criticality: 3);
        tankFarm.Add(X80RemoteDrop, "Tank farm X80 remote drop", count: 4, criticality: 4);
        tankFarm.Add(HarmonyGto, "Loading bay panel", count: 3, criticality: 3);
        tankFarm.Add(HirschmannRs20, "Tank farm switch", count: 2, criticality: 4);

        var utilities = site.Zone($"l1.utilities{suffix}", $"{utilitiesLine} cell", PurdueLevel.BasicControl, 3, 14, site.OtTeam,
            "Thermal oxidizer, steam boilers and cooling water on Modicon.",
            processLine: utilitiesLine, downtimeCostPerHour: UtilitiesPerHour);
        var utilitiesFirewall = utilities.AddOne(HirschmannEagle40, "Utilities cell firewall", criticality: 5);
        utilities.AddOne(ModiconM580, "Thermal oxidizer controller", criticality: 5, crownJewel: true,
            notes: "If the oxidizer stops, the permit forbids venting and every unit must stop.");
        utilities.Add(ModiconM340, "Boiler and cooling water controller", count: 2, criticality: 4);
        utilities.Add(HarmonyGto, "Utilities panel", count: 2, criticality: 3);
        utilities.AddOne(HirschmannRs20, "Utilities switch", criticality: 5);

        var drumming = site.Zone($"l1.drumming{suffix}", $"{drummingLine} cell", PurdueLevel.BasicControl, 2, 15, site.OtTeam,
            "Drum filling, weighing, capping and labelling on SIMATIC.",
            processLine: drummingLine, downtimeCostPerHour: DrummingPerHour);
        var drummingFirewall = drumming.AddOne(ScalanceSc646, "Drumming cell firewall", criticality: 3);
        drumming.AddOne(S7Cpu1511, "Drum filling CPU", criticality: 4);
        drumming.Add(S7Cpu1214, "Capper, labeller and conveyor CPU", count: 3, criticality: 3);
        drumming.Add(Et200sp, "Drumming ET 200SP station", count: 4, criticality: 3);
        drumming.Add(Tp700Comfort, "Drumming machine panel", count: 2, criticality: 2);
        drumming.AddOne(ScalanceXc208, "Drumming cell switch", criticality: 3);

        var sis = site.Zone($"l1.sis{suffix}", $"Safety instrumented systems{train}", PurdueLevel.BasicControl, 3, 19, site.OtTeam,
            "Reactor and column emergency shutdown on Triconex, thermal oxidizer BMS and tank overfill protection on HIMA.",
            processLine: reactorLine, downtimeCostPerHour: ReactorsPerHour, maintainerTeamId: "vendor.triconex");
        var sisFirewall = sis.AddOne(HirschmannEagle40, "SIS zone firewall", criticality: 5);
        var tricons = sis.Add(TriconexTricon, $"Unit {100 * (2 * area + 1)}/{100 * (2 * area + 2)} ESD Tricon", count: 2, criticality: 5, crownJewel: true);
        sis.AddOne(HimaHimax, "Thermal oxidizer BMS and tank overfill protection", criticality: 5, crownJewel: true, downtimeCostPerHour: UtilitiesPerHour);
        sis.AddOne(HirschmannRs20, "SIS switch", criticality: 5);

        var reactorField = site.Zone($"l0.reactor-field{suffix}", $"Reactor and column field devices{train}", PurdueLevel.Process, 2, 1, site.OtTeam,
            "Agitator and pump drives and Coriolis meters of both units.",
            processLine: reactorLine, downtimeCostPerHour: ReactorsPerHour);
        reactorField.Add(PowerFlex755, "Agitator and pump drive", count: 10, criticality: 4);
        reactorField.Add(PromassCoriolis, "Feed Coriolis meter", count: 8, criticality: 5);
        reactorField.Add(PromagFlowmeter, "Cooling water flowmeter", count: 4, criticality: 3, downtimeCostPerHour: DistillationPerHour);

        var tankField = site.Zone($"l0.tank-field{suffix}", $"Tank farm and utilities field devices{train}", PurdueLevel.Process, 2, 2, site.OtTeam,
            "Transfer pump drives and loading flowmeters; cooling water pumps.",
            processLine: tankLine, downtimeCostPerHour: TankFarmPerHour);
        tankField.Add(AltivarAtv630, "Transfer and cooling water pump drive", count: 8, criticality: 3);
        tankField.Add(PromagFlowmeter, "Loading flowmeter", count: 4, criticality: 3);

        var core = SiteBuilder.EnforcedBy(backbone.CoreFirewall);
        site.Conduit($"l3-to-l2-control-room{suffix}", backbone.Operations, control,
            "opcua, rdp, smb, ldap, kerberos, dns, ntp, mssql, msrpc:tcp/135, pi", core,
            "Batch server to the PlantPAx servers, historian collection, OT domain services, backups.");
        site.Conduit($"l3-to-l2-drumming{suffix}", backbone.Operations, drummingSupervisory, "opcua, rdp, smb, ntp", core,
            "Historian collection and engineering workstation backups for drumming.");
        site.Conduit($"l2-to-l1-reactors{suffix}", control, reactors, "enip, enip-udp:udp/44818, http", SiteBuilder.EnforcedBy(reactorFirewall),
            "PlantPAx servers and the batch phases to the reactor controllers; Studio 5000 downloads from the PlantPAx EWS only.");
        site.Conduit($"l2-to-l1-distillation{suffix}", control, distillation, "enip, enip-udp:udp/44818, http", SiteBuilder.EnforcedBy(distillationFirewall),
            "PlantPAx servers to the column controllers.");
        site.Conduit($"l2-to-l1-tank-farm{suffix}", control, tankFarm, "modbus, http, ftp:tcp/21", SiteBuilder.EnforcedBy(tankFirewall),
            "System Platform and the OPC server poll the Modicons over Modbus; Control Expert downloads.");
        site.Conduit($"l2-to-l1-utilities{suffix}", control, utilities, "modbus, http", SiteBuilder.EnforcedBy(utilitiesFirewall),
            "System Platform to the oxidizer, boiler and cooling water controllers.");
        site.Conduit($"l2-to-l1-sis{suffix}", control, sis, "tristation:udp/1502, padt:udp/8001, modbus", SiteBuilder.EnforcedBy(sisFirewall) + " with Modbus read-only inspection",
            "SIS status to the operator stations read-only; TriStation and SILworX only from their engineering workstations.");
        site.Conduit($"l2-to-l1-drumming{suffix}", drummingSupervisory, drumming, "s7, https, vnc", SiteBuilder.EnforcedBy(drummingFirewall),
            "WinCC and TIA Portal to the drumming CPUs and panels.");
        site.Conduit($"l1-reactors-to-l0{suffix}", reactors, reactorField, "enip, cip-io, http", "Reactor cell switches (VLAN only, no filtering)",
            "EtherNet/IP I/O to drives and meters of Unit 100.");
        site.Conduit($"l1-distillation-to-l0{suffix}", distillation, reactorField, "enip, cip-io", "Solvent recovery cell switch (VLAN only, no filtering)",
            "EtherNet/IP I/O to the column pumps and meters.");
        site.Conduit($"l1-tank-farm-to-l0{suffix}", tankFarm, tankField, "modbus, enip", "Tank farm switches (VLAN only, no filtering)",
            "Modbus to the Altivar drives, EtherNet/IP to the loading flowmeters.");
        site.Conduit($"l1-utilities-to-l0{suffix}", utilities, tankField, "modbus", "Utilities switch (VLAN only, no filtering)",
            "Modbus to the cooling water pump drives.");

        return new Unit(control, [triStation, .. tricons], reactorEws, reactorControllers);
    }

    private static void BuildEntryPoints(SiteBuilder site, Backbone backbone, Unit unit)
    {
        site.EntryPoint("internet", "Internet", EntryPointKind.Internet, backbone.Edge,
            "The site's ISP uplink.");
        site.EntryPoint("enterprise-it", "Enterprise IT network", EntryPointKind.EnterpriseIt, backbone.Enterprise,
            "Office PCs and laptops that browse, read mail and are joined to the group network.");
        site.EntryPoint("triconex-vpn", "Triconex remote support", EntryPointKind.VendorRemoteAccess, backbone.Dmz,
            "Schneider Electric's Triconex engineers connect by VPN to the jump host, then by RDP to the TriStation workstation, after a work permit is issued.",
            vendor: "Schneider Electric", method: "AnyConnect VPN (certificate + OTP), then RDP via the jump host", targets: unit.SisTargets,
            mfa: true, availability: RemoteAccessAvailability.OnDemand);
        site.EntryPoint("removable-media", "USB media in the control room", EntryPointKind.RemovableMedia, unit.ControlRoom,
            "Batch recipes from R&D, vendor patches and controller firmware arrive on USB sticks at the engineering workstations.");
    }

    /// <summary>What the demo is meant to show: see docs/demo-plant.md and <see cref="DemoPlant.DeliberateSmells"/>.</summary>
    private static void AddDeliberateSmells(SiteBuilder site, Backbone backbone, Unit unit)
    {
        unit.ReactorEws.Notes = "TeamViewer 15 with unattended access installed by Delta Process Integration for commissioning support; still running.";
        site.EntryPoint("delta-teamviewer", "Integrator TeamViewer on the PlantPAx EWS", EntryPointKind.VendorRemoteAccess, unit.ControlRoom,
            "The system integrator kept TeamViewer on the engineering workstation after commissioning; a password alone opens it at any hour.",
            vendor: "Delta Process Integration", method: "TeamViewer 15 unattended access (outbound via TeamViewer's brokers)",
            targets: [unit.ReactorEws, .. unit.ReactorControllers], mfa: false, availability: RemoteAccessAvailability.AlwaysOn);

        var weighbridge = backbone.Operations.AddOne(OtWorkstation, "Weighbridge PC", criticality: 2,
            notes: "Put in by the weighbridge contractor in 2022 to pass truck weights to the loading bays; nobody took it over.");
        weighbridge.OwnerTeamId = null;
        weighbridge.MaintainerTeamId = null;
    }
}
