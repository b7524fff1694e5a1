using Seam.Discovery;
using Seam.Inventory;
using Seam.Protocols.Dissection;
using DissectedTransport = Seam.Protocols.Dissection.Transport;

namespace Seam.Core.Tests.Discovery;

public sealed class InventoryComparisonTests
{
    private static readonly InventoryModel Plant = new()
    {
        Sites = [new Site { Id = "s1", Name = "Plant" }],
        Zones =
        [
            new Zone { Id = "cell", SiteId = "s1", Name = "Cell 1", Level = PurdueLevel.BasicControl, Subnets = ["10.0.1.0/24"] },
            new Zone { Id = "scada", SiteId = "s1", Name = "Supervisory", Level = PurdueLevel.Supervisory, Subnets = ["10.0.2.0/24"] },
            new Zone { Id = "office", SiteId = "s1", Name = "Office", Level = PurdueLevel.Enterprise, Subnets = ["10.0.4.0/24"] },
        ],
        Conduits =
        [
            new Conduit { Id = "c1", SiteId = "s1", Name = "SCADA to cell", FromZoneId = "scada", ToZoneId = "cell", Services = [ServiceEndpoint.Parse("modbus")] },
        ],
        Assets =
        [
            new Asset
            {
                Id = "plc-1", SiteId = "s1", ZoneId = "cell", Name = "PLC 1", Kind = AssetKind.Plc, Vendor = "Siemens", Version = "V2.5",
                Addresses = ["10.0.1.10"], MacAddresses = ["00:1b:1b:00:00:10"],
            },
        ],
    };

    private long number;

    [Fact]
    public void Allowed_flows_pass_and_a_flow_no_conduit_allows_names_the_conduit_that_would()
    {
        var review = InventoryComparison.Compare(Plant, Capture(), "s1");

        var violations = review.Violations.OrderBy(v => v.Flow.Client, StringComparer.Ordinal).ToList();
        Assert.Equal(2, violations.Count);

        var missingService = violations[0];
        Assert.Equal(("10.0.2.5", "scada", "cell", "c1"), (missingService.Flow.Client, missingService.ClientZoneId, missingService.ServerZoneId, missingService.NearestConduitId));
        Assert.Equal("adding s7:tcp/102 to conduit SCADA to cell", missingService.WouldBeAllowedBy);
        Assert.Contains("can command that equipment", missingService.Why.OtTerms, StringComparison.Ordinal);

        var noConduit = violations[1];
        Assert.Equal("10.0.4.7", noConduit.Flow.Client);
        Assert.Equal("a conduit from Office to Cell 1 allowing s7:tcp/102", noConduit.WouldBeAllowedBy);
        Assert.DoesNotContain(review.Violations, v => v.Flow.ServerPort == 502);
    }

    [Fact]
    public void Enterprise_traffic_straight_into_the_control_level_is_an_event()
    {
        var review = InventoryComparison.Compare(Plant, Capture(), "s1");

        var crossing = Assert.Single(review.Events, e => e.Kind == DiscoveredEventKind.EnterpriseIntoControl);
        Assert.Equal(("10.0.4.7", "10.0.1.10"), (crossing.Source, crossing.Target));
        Assert.Contains("Purdue 4", crossing.Why.ItTerms, StringComparison.Ordinal);
        Assert.Contains("ransomware", crossing.Why.OtTerms, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_firmware_is_reported_against_the_record_and_unknown_devices_are_proposed_in_their_zone()
    {
        var review = InventoryComparison.Compare(Plant, Capture(), "s1");

        var plc = Assert.Single(review.ChangedDevices);
        Assert.Equal(("plc-1", "MAC 00:1b:1b:00:00:10"), (plc.AssetId, plc.MatchedBy));
        var change = Assert.Single(plc.Changes);
        Assert.Equal(("version", "V2.5", "V2.6.1"), (change.Field, change.Recorded, change.Observed));
        Assert.Contains("S7comm said so", change.Evidence, StringComparison.Ordinal);

        var fresh = review.NewDevices.Single(d => d.Device.Key == "10.0.2.5");
        Assert.Equal(("scada", PurdueLevel.Supervisory), (fresh.ZoneId, fresh.Level));
        Assert.Equal(AssetSource.Discovery, fresh.Proposed.Source);
        Assert.Equal(AssetKind.Hmi, fresh.Proposed.Kind);
    }

    [Fact]
    public void Identity_that_agrees_with_the_record_up_to_a_leading_v_is_not_a_change()
    {
        var sink = new DiscoveryAggregator([]);
        var answer = Tcp("00:1b:1b:00:00:10", "10.0.1.10", 102, "00:00:00:00:02:05", "10.0.2.5", 50000);
        sink.Frame(answer);
        sink.Identity(answer, ProtocolId.S7Comm, DeviceRef.Source(answer), IdentityField.FirmwareVersion, "2.5");

        var review = InventoryComparison.Compare(Plant, sink.Build(), "s1");

        Assert.Empty(review.ChangedDevices);
        Assert.Equal("plc-1", Assert.Single(review.MatchedDevices).AssetId);
    }

    [Fact]
    public void A_merge_plan_takes_only_accepted_items_and_records_flows_between_assets_the_inventory_will_hold()
    {
        // An asset re-addressed since holds the id the new device would be given.
        var plant = Plant with
        {
            Assets = [.. Plant.Assets, new Asset { Id = "discovered-10-0-2-5", SiteId = "s1", Name = "Old HMI", Addresses = ["10.0.2.99"] }],
        };
        var result = Capture();
        var review = InventoryComparison.Compare(plant, result, "s1");
        var s7 = review.Violations.Single(v => v.Flow.Client == "10.0.2.5");
        var accepted = new HashSet<string>(StringComparer.Ordinal) { "device:10.0.2.5", "device:10.0.1.10" };

        var plan = DiscoveryMergePlan.Build(plant, result, "s1", accepted);

        var created = Assert.Single(plan.Created);
        Assert.Equal(("discovered-10-0-2-5-2", "scada", AssetSource.Discovery), (created.Id, created.ZoneId, created.Source));
        var updated = Assert.Single(plan.Updated);
        Assert.Equal(("plc-1", "V2.6.1"), (updated.Id, updated.Version));
        Assert.Equal("V2.5", plant.Assets[0].Version); // the stored record is not touched
        var flow = Assert.Single(plan.Flows);
        Assert.Equal(("discovered-10-0-2-5-2", "plc-1", "modbus:tcp/502"), (flow.SourceAssetId, flow.TargetAssetId, flow.Service.ToString()));
        Assert.Equal(2, plan.FlowsLeftOut); // S7 from 10.0.2.5 was not accepted; 10.0.4.7 is not an asset
        Assert.Equal(["discovered-10-0-2-5-2", "plc-1"], plan.Incoming.Assets.Select(a => a.Id));

        accepted.Add(ReviewItems.Flow(s7.Flow));
        var withS7 = DiscoveryMergePlan.Build(plant, result, "s1", accepted);
        Assert.Contains(withS7.Flows, f => f.Service.ToString() == "s7:tcp/102" && f.TargetAssetId == "plc-1");
        Assert.Equal(1, withS7.FlowsLeftOut);
    }

    [Fact]
    public void Nothing_accepted_plans_no_asset_and_only_flows_between_known_assets()
    {
        var plan = DiscoveryMergePlan.Build(Plant, Capture(), "s1", new HashSet<string>(StringComparer.Ordinal));

        Assert.Empty(plan.Created);
        Assert.Empty(plan.Updated);
        Assert.Empty(plan.Flows);
        Assert.Equal(3, plan.FlowsLeftOut);
    }

    private DiscoveryResult Capture()
    {
        var sink = new DiscoveryAggregator([]);
        Exchange(sink, "00:00:00:00:02:05", "10.0.2.5", "00:1b:1b:00:00:10", "10.0.1.10", 502, ProtocolId.ModbusTcp);
        Exchange(sink, "00:00:00:00:02:05", "10.0.2.5", "00:1b:1b:00:00:10", "10.0.1.10", 102, ProtocolId.S7Comm);
        Exchange(sink, "00:00:00:00:04:07", "10.0.4.7", "00:1b:1b:00:00:10", "10.0.1.10", 102, ProtocolId.S7Comm);
        var answer = Tcp("00:1b:1b:00:00:10", "10.0.1.10", 102, "00:00:00:00:02:05", "10.0.2.5", 50000);
        sink.Frame(answer);
        sink.Identity(answer, ProtocolId.S7Comm, DeviceRef.Source(answer), IdentityField.FirmwareVersion, "V2.6.1");
        return sink.Build();
    }

    private void Exchange(DiscoveryAggregator sink, string clientMac, string client, string serverMac, string server, int port, ProtocolId protocol)
    {
        var request = Tcp(clientMac, client, 50000, serverMac, server, port);
        sink.Frame(request);
        sink.Pdu(request, protocol);
        sink.Operation(request, protocol, 4, "Read", OperationKind.Read, isRequest: true);
        var response = Tcp(serverMac, server, port, clientMac, client, 50000);
        sink.Frame(response);
        sink.Pdu(response, protocol);
    }

    private FrameInfo Tcp(string sourceMac, string source, int sourcePort, string destinationMac, string destination, int destinationPort) => new()
    {
        Number = ++number,
        TimestampNanos = 1_700_000_000_000_000_000 + (number * 1_000_000),
        SourceMac = Mac(sourceMac),
        DestinationMac = Mac(destinationMac),
        EtherType = 0x0800,
        Transport = DissectedTransport.Tcp,
        SourceIp = IpAddr.Parse(source),
        DestinationIp = IpAddr.Parse(destination),
        SourcePort = (ushort)sourcePort,
        DestinationPort = (ushort)destinationPort,
        WireLength = 60,
    };

    private static MacAddress Mac(string text) => MacAddress.Read(Convert.FromHexString(text.Replace(":", "", StringComparison.Ordinal)));
}
