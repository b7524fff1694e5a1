using System.Globalization;
using Seam.Inventory;
using static Seam.Bench.Exposure.SyntheticCatalog;

namespace Seam.Bench.Exposure;

/// <summary>
/// One generated plant. Its zones follow the Purdue model: an internet edge (L5), enterprise zones (L4), the industrial
/// DMZ (L3.5), site operations (L3), then production areas, each a supervisory zone (L2) over cells, and each cell a
/// control zone (L1) with its field network (L0). Most assets sit in the cells, as in a real plant. Conduits run down the
/// levels, each carrying what the zones below speak; a data diode replicates the historian to the enterprise, and a few
/// legacy rules let office PCs reach an area's operator stations past the DMZ (the misconfigurations plants really have).
/// </summary>
internal sealed class SyntheticSite(CompanyBuilder company, Random random, int number, int assetCount)
{
    // Shares of a site's assets per level; what the field level (L0) gets is the rest, a little over half.
    private const double EdgeShare = 0.002;
    private const double EnterpriseShare = 0.08;
    private const double DmzShare = 0.006;
    private const double OperationsShare = 0.03;
    private const double SupervisoryShare = 0.12;
    private const double ControlShare = 0.20;

    private const int AssetsPerZone = 50;
    private const int CellsPerArea = 4;

    private readonly string id = "plant-" + number.ToString("D2", CultureInfo.InvariantCulture);
    private readonly string code = "P" + number.ToString("D2", CultureInfo.InvariantCulture);
    private readonly Dictionary<string, int> numberByTag = new(StringComparer.Ordinal);

    private string ItTeam => id + ".it";

    private string OtTeam => id + ".ot";

    public void Build()
    {
        company.Sites.Add(new Site
        {
            Id = id,
            Name = $"Plant {number:D2} (synthetic)",
            Location = $"Industrial estate {number}",
            Description = "Generated for the exposure benchmark.",
        });
        company.Teams.Add(new Team { Id = ItTeam, Name = $"{code} site IT", Side = TeamSide.It });
        company.Teams.Add(new Team { Id = OtTeam, Name = $"{code} automation & controls", Side = TeamSide.Ot });

        // Zones: about one per 50 assets. Enterprise and operations split once the site passes ~2,500 assets; the rest
        // are production areas of one supervisory zone and about four cells (a control and a field zone each).
        var zoneTarget = Math.Max(9, (int)Math.Round(assetCount / (double)AssetsPerZone));
        var enterpriseZones = Math.Max(1, (int)Math.Round(assetCount / 2500.0));
        var operationsZones = enterpriseZones;
        var areaZones = zoneTarget - 2 - enterpriseZones - operationsZones;
        var areas = Math.Max(1, (int)Math.Round(areaZones / (1.0 + (2 * CellsPerArea))));
        var cells = Math.Max(areas, (areaZones - areas) / 2);

        var edgeAssets = Math.Max(4, Share(EdgeShare));
        var enterpriseAssets = Share(EnterpriseShare);
        var dmzAssets = Math.Max(6, Share(DmzShare));
        var operationsAssets = Math.Max(8, Share(OperationsShare));
        var supervisoryAssets = Share(SupervisoryShare);
        var controlAssets = Share(ControlShare);
        var fieldAssets = assetCount - edgeAssets - enterpriseAssets - dmzAssets - operationsAssets - supervisoryAssets - controlAssets;

        var edge = Zone("l5.edge", "Internet edge", PurdueLevel.EnterpriseNetwork, 1, ItTeam);
        Fill(edge, edgeAssets, [EdgeFirewall, EdgeFirewall, EdgeRouter, VpnGateway], [(PublicWebServer, 1)]);

        var enterprise = new List<ZoneSlot>();
        for (var e = 0; e < enterpriseZones; e++)
        {
            var zone = Zone($"l4.office-{e + 1}", $"Enterprise {e + 1}", PurdueLevel.Enterprise, 1, ItTeam);
            Fill(zone, Split(enterpriseAssets, enterpriseZones, e), e == 0 ? [DomainController, DomainController, OfficeServer, Printer] : [OfficeServer, Printer],
                [(OfficePc, 80), (OfficeServer, 12), (Printer, 8)]);
            enterprise.Add(zone);
        }

        var dmz = Zone("l35.idmz", "Industrial DMZ", PurdueLevel.IndustrialDmz, 3, OtTeam);
        Fill(dmz, dmzAssets, [DmzFirewall, JumpHost, JumpHost, HistorianMirror, PatchServer, RemoteAccessGateway],
            [(JumpHost, 30), (PatchServer, 30), (HistorianMirror, 20), (DmzFirewall, 20)]);

        var operations = new List<ZoneSlot>();
        for (var o = 0; o < operationsZones; o++)
        {
            var zone = Zone($"l3.operations-{o + 1}", $"Site operations {o + 1}", PurdueLevel.Operations, 2, OtTeam);
            Fill(zone, Split(operationsAssets, operationsZones, o),
                [Historian, ScadaServer, OpcServer, EngineeringWorkstation, DomainController, MesServer, OperationsPc, IndustrialSwitch],
                [(OperationsPc, 30), (EngineeringWorkstation, 20), (ScadaServer, 15), (OpcServer, 10), (MesServer, 10), (Historian, 5), (IndustrialSwitch, 10)]);
            operations.Add(zone);
        }

        foreach (var zone in enterprise)
        {
            Conduit(edge, zone, "https", "Edge firewall", "Published web services and outbound browsing.");
            Conduit(zone, dmz, "https, rdp", "DMZ firewall, enterprise side", "Remote desktop to the jump hosts and the historian mirror's web pages.");
        }

        for (var e = 1; e < enterprise.Count; e++)
        {
            Conduit(enterprise[0], enterprise[e], "smb, rdp, https, ldap, kerberos", "Core switch ACL", "Office networks of one company.");
        }

        foreach (var zone in operations)
        {
            Conduit(dmz, zone, "rdp, https, smb", "DMZ firewall, plant side", "Jump hosts into operations; patches and antivirus updates.");
        }

        for (var o = 1; o < operations.Count; o++)
        {
            Conduit(operations[0], operations[o], "opcua, rdp, smb, https, pi", "Operations core switch", "Site operations networks.");
        }

        Conduit(operations[0], enterprise[0], "pi", "Waterfall unidirectional gateway", "Historian replication to the enterprise historian.",
            ConduitDirection.OneWay);

        var cellList = BuildAreas(areas, cells, supervisoryAssets, controlAssets, fieldAssets, operations);
        AddMisconfiguredShortcuts(enterprise[0], cellList);
        MarkCrownJewels(cellList);
        AddEntryPoints(edge, enterprise[0], cellList);
    }

    private sealed record ZoneSlot(Zone Zone, int SubnetBase, string ShortName)
    {
        public int Hosts { get; set; }

        public List<Asset> Assets { get; } = [];
    }

    /// <summary>A production cell: its control zone (PLCs, the safety controller, panels) and its field zone.</summary>
    private sealed record Cell(int Area, ZoneSlot Supervisory, ZoneSlot Control, ZoneSlot Field, CellProtocol Protocol, bool HasSafetySystem);

    private List<Cell> BuildAreas(int areas, int cells, int supervisoryAssets, int controlAssets, int fieldAssets, List<ZoneSlot> operations)
    {
        var list = new List<Cell>(cells);
        var cellIndex = 0;
        for (var a = 0; a < areas; a++)
        {
            var line = $"{code} Line {a + 1}";
            var downtime = 1_000m * random.Next(5, 61);
            var supervisory = Zone($"l2.area-{a + 1:D2}", $"Area {a + 1} supervisory", PurdueLevel.Supervisory, 2, OtTeam);
            Fill(supervisory, Split(supervisoryAssets, areas, a), [EngineeringWorkstation, ScadaServer, OperatorStation, OperatorStation, IndustrialSwitch],
                [(OperatorStation, 45), (EngineeringWorkstation, 15), (ScadaServer, 10), (OpcServer, 10), (IndustrialSwitch, 10), (OperationsPc, 10)],
                line, downtime);

            // Areas are mostly of one make; one cell in five is another (a packaging machine from another OEM).
            var areaProtocol = PickProtocol();
            var areaCells = Split(cells, areas, a);
            var protocols = new HashSet<CellProtocol>();
            for (var c = 0; c < areaCells; c++, cellIndex++)
            {
                var protocol = random.NextDouble() < 0.8 ? areaProtocol : PickProtocol();
                protocols.Add(protocol);
                var name = $"Area {a + 1} cell {c + 1}";
                var key = $"a{a + 1:D2}-c{c + 1:D2}";
                var control = Zone($"l1.{key}", name + " control", PurdueLevel.BasicControl, 3, OtTeam);
                var field = Zone($"l0.{key}", name + " field", PurdueLevel.Process, 3, OtTeam);
                var cell = new Cell(a, supervisory, control, field, protocol, HasSafetySystem: cellIndex % 2 == 0);
                IReadOnlyList<SyntheticRole> controlMust = cell.HasSafetySystem
                    ? [Controller(protocol), SafetyController(protocol), IndustrialSwitch, Panel(protocol)]
                    : [Controller(protocol), IndustrialSwitch, Panel(protocol)];
                Fill(control, Split(controlAssets, cells, cellIndex), controlMust,
                    [(Controller(protocol), 60), (Panel(protocol), 15), (IndustrialSwitch, 10), (Rtu, 5), (ProtectionRelay, 5), (CloudConnector, 5)],
                    line, downtime);
                Fill(field, Split(fieldAssets, cells, cellIndex), [Drive(protocol), FieldDevice(protocol)],
                    [(Drive(protocol), 40), (FieldDevice(protocol), 60)], line, downtime);
                if (cell.HasSafetySystem)
                {
                    foreach (var device in field.Assets.Where(d => d.Kind == AssetKind.FieldDevice && random.NextDouble() < 0.2))
                    {
                        device.SafetyRelevant = true;
                        device.Notes = "Safety I/O of the cell's SIS loop.";
                    }
                }

                Conduit(supervisory, control, ServiceList(CellServices(protocol), "http, vnc"), "Cell firewall",
                    "Operator stations and engineering to the cell's controllers and panels.");
                Conduit(control, field, ServiceList(FieldBusServices(protocol)), "Managed switch VLAN", "Controllers to drives and remote I/O.");
                list.Add(cell);
            }

            var operationsZone = operations[a % operations.Count];
            var areaServices = protocols.Order().SelectMany(CellServices).Concat(Services("opcua, https, vnc, rdp"));
            Conduit(operationsZone, supervisory, ServiceList(areaServices), "Area firewall", "SCADA, historian collection and engineering into the area.");
        }

        return list;
    }

    /// <summary>Rules from the office straight to an area's operator stations: one per five areas, at least one per site.</summary>
    private void AddMisconfiguredShortcuts(ZoneSlot office, List<Cell> cells)
    {
        var areas = cells.Select(c => c.Supervisory).Distinct().ToList();
        var count = Math.Max(1, areas.Count / 5);
        foreach (var area in areas.OrderBy(_ => random.Next()).Take(count))
        {
            var service = random.NextDouble() < 0.5 ? "vnc" : "rdp";
            Conduit(office, area, service, "Core firewall (legacy rule)",
                "Added for remote support in 2019 and never removed; bypasses the industrial DMZ.");
        }
    }

    /// <summary>About 1% of the site: every safety controller, then the main PLC of randomly chosen cells.</summary>
    private void MarkCrownJewels(List<Cell> cells)
    {
        var target = Math.Max(1, (int)Math.Round(assetCount * 0.01));
        var marked = 0;
        foreach (var sis in cells.SelectMany(c => c.Control.Assets).Where(a => a.Kind == AssetKind.SafetyController))
        {
            sis.IsCrownJewel = true;
            sis.SafetyRelevant = true;
            marked++;
        }

        foreach (var cell in cells.OrderBy(_ => random.Next()))
        {
            if (marked >= target)
            {
                break;
            }

            var plc = cell.Control.Assets[0];
            plc.IsCrownJewel = true;
            plc.Criticality = 5;
            marked++;
        }
    }

    private void AddEntryPoints(ZoneSlot edge, ZoneSlot office, List<Cell> cells)
    {
        company.EntryPoints.Add(new EntryPoint
        {
            Id = id + ".ep.internet",
            SiteId = id,
            Name = $"{code} internet",
            Kind = EntryPointKind.Internet,
            ZoneId = edge.Zone.Id,
            TargetAssetIds = [.. edge.Assets.Where(a => a.Kind is AssetKind.VpnGateway or AssetKind.Server).Select(a => a.Id)],
            Description = "Anyone on the internet: the VPN gateway and the published web servers.",
        });
        company.EntryPoints.Add(new EntryPoint
        {
            Id = id + ".ep.enterprise",
            SiteId = id,
            Name = $"{code} enterprise IT",
            Kind = EntryPointKind.EnterpriseIt,
            ZoneId = office.Zone.Id,
            Description = "A phished office PC or a stolen domain account.",
        });

        // The integrator's TeamViewer on an area's engineering workstations: always on, password only.
        var areaCells = cells.GroupBy(c => c.Area).ToList();
        var integratorArea = areaCells[0].First().Supervisory;
        company.EntryPoints.Add(new EntryPoint
        {
            Id = id + ".ep.integrator-teamviewer",
            SiteId = id,
            Name = $"{code} integrator TeamViewer",
            Kind = EntryPointKind.VendorRemoteAccess,
            ZoneId = integratorArea.Zone.Id,
            Vendor = "Northwind Automation",
            Method = "TeamViewer",
            TargetAssetIds = [.. integratorArea.Assets.Where(a => a.Kind == AssetKind.EngineeringWorkstation).Take(2).Select(a => a.Id)],
            MfaRequired = false,
            Availability = RemoteAccessAvailability.AlwaysOn,
        });

        // The OEM's remote service box in one cell, straight onto its controllers; switched on when asked, with MFA.
        var oemCell = areaCells[^1].Last();
        company.EntryPoints.Add(new EntryPoint
        {
            Id = id + ".ep.oem-secomea",
            SiteId = id,
            Name = $"{code} OEM remote service",
            Kind = EntryPointKind.VendorRemoteAccess,
            ZoneId = oemCell.Control.Zone.Id,
            Vendor = "Contoso Machines",
            Method = "Secomea SiteManager",
            TargetAssetIds = [.. oemCell.Control.Assets.Where(a => a.Kind.IsController()).Take(3).Select(a => a.Id)],
            MfaRequired = true,
            Availability = RemoteAccessAvailability.OnDemand,
        });

        var mediaArea = areaCells[areaCells.Count / 2].First().Supervisory;
        company.EntryPoints.Add(new EntryPoint
        {
            Id = id + ".ep.usb",
            SiteId = id,
            Name = $"{code} removable media",
            Kind = EntryPointKind.RemovableMedia,
            TargetAssetIds = [.. mediaArea.Assets.Where(a => a.Kind is AssetKind.EngineeringWorkstation or AssetKind.Hmi).Take(4).Select(a => a.Id)],
            Description = "USB sticks brought to the engineering workstations and operator stations for project files.",
        });
    }

    private ZoneSlot Zone(string key, string name, PurdueLevel level, int securityLevel, string owner)
    {
        var (subnet, subnetBase) = company.NextSubnet();
        var zone = new Zone
        {
            Id = id + "." + key,
            SiteId = id,
            Name = $"{code} {name}",
            Level = level,
            TargetSecurityLevel = securityLevel,
            Subnets = [subnet],
            OwnerTeamId = owner,
        };
        company.Zones.Add(zone);
        return new ZoneSlot(zone, subnetBase, name);
    }

    private void Conduit(ZoneSlot from, ZoneSlot to, string services, string enforcedBy, string description,
        ConduitDirection direction = ConduitDirection.Bidirectional) =>
        company.Conduits.Add(new Conduit
        {
            Id = $"{id}.c.{from.Zone.Id[(id.Length + 1)..]}--{to.Zone.Id[(id.Length + 1)..]}",
            SiteId = id,
            Name = $"{from.ShortName} → {to.ShortName}",
            FromZoneId = from.Zone.Id,
            ToZoneId = to.Zone.Id,
            Services = Services(services),
            Direction = direction,
            EnforcedBy = enforcedBy,
            Description = description,
        });

    /// <summary>Adds <paramref name="count"/> assets: the must-haves first (as many as fit), the rest drawn by weight.</summary>
    private void Fill(ZoneSlot zone, int count, IReadOnlyList<SyntheticRole> must, IReadOnlyList<(SyntheticRole Role, int Weight)> mix,
        string? processLine = null, decimal? downtimeCostPerHour = null)
    {
        var total = mix.Sum(m => m.Weight);
        for (var i = 0; i < count; i++)
        {
            SyntheticRole role;
            if (i < must.Count)
            {
                role = must[i];
            }
            else
            {
                var draw = random.Next(total);
                var k = 0;
                while (draw >= mix[k].Weight)
                {
                    draw -= mix[k].Weight;
                    k++;
                }

                role = mix[k].Role;
            }

            var n = numberByTag[role.Tag] = numberByTag.GetValueOrDefault(role.Tag) + 1;
            var asset = new Asset
            {
                Id = $"{id}.{role.Tag}-{n:D5}",
                SiteId = id,
                ZoneId = zone.Zone.Id,
                Name = $"{code} {zone.ShortName} {role.Label} {n}",
                Kind = role.Kind,
                Vendor = role.Vendor,
                Product = role.Product,
                Model = role.Model,
                Addresses = [CompanyBuilder.HostAddress(zone.SubnetBase, zone.Hosts++)],
                Services = role.Services,
                OwnerTeamId = zone.Zone.OwnerTeamId,
                MaintainerTeamId = role.Kind.IsController() && random.NextDouble() < 0.3 ? "vendor.integrator" : zone.Zone.OwnerTeamId,
                Criticality = role.Criticality,
                SafetyRelevant = role.Kind == AssetKind.SafetyController,
                ProcessLine = processLine,
                DowntimeCostPerHour = downtimeCostPerHour,
                Patchability = role.Patchability,
                Source = AssetSource.Import,
                LastSeen = SyntheticCompany.At.AddHours(-random.Next(1, 24 * 14)),
            };
            zone.Assets.Add(asset);
            company.Assets.Add(asset);
            company.Roles.Add(role);
        }
    }

    private CellProtocol PickProtocol()
    {
        var draw = random.Next(100);
        return draw < 40 ? CellProtocol.S7 : draw < 75 ? CellProtocol.EtherNetIp : CellProtocol.Modbus;
    }

    private int Share(double share) => (int)Math.Round(assetCount * share);

    /// <summary>Part <paramref name="index"/> of <paramref name="total"/> split into <paramref name="parts"/> nearly equal parts.</summary>
    private static int Split(int total, int parts, int index) => (total / parts) + (index < total % parts ? 1 : 0);

    private static string ServiceList(IEnumerable<ServiceEndpoint> services, string? more = null) =>
        string.Join(", ", services.Select(s => s.ToString()).Concat(more is null ? [] : more.Split(", ")).Distinct());
}
