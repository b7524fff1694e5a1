using Seam.Discovery;
using Seam.Inventory;
using Seam.Protocols.Dissection;
using DissectedTransport = Seam.Protocols.Dissection.Transport;

namespace Seam.Core.Tests.Discovery;

public sealed class DiscoveryAggregatorTests
{
    private static readonly MacAddress HmiMac = new(0x0011_2233_4401);
    private static readonly MacAddress PlcMac = new(0x001B_1B00_0002); // Siemens AG prefix
    private static readonly MacAddress RouterMac = new(0x0000_0C00_0003);
    private static readonly IpAddr Hmi = IpAddr.Parse("10.0.0.5");
    private static readonly IpAddr Plc = IpAddr.Parse("10.0.0.10");

    private long number;

    [Fact]
    public void Modbus_poll_and_write_become_one_flow_two_roles_and_a_write_event()
    {
        var sink = new DiscoveryAggregator([]);
        for (var i = 0; i < 3; i++)
        {
            var request = Tcp(HmiMac, Hmi, 49152 + i, PlcMac, Plc, 502, length: 66);
            sink.Frame(request);
            sink.Pdu(request, ProtocolId.ModbusTcp);
            sink.Operation(request, ProtocolId.ModbusTcp, 6, "Write Single Register", OperationKind.Write, isRequest: true);
            var response = Tcp(PlcMac, Plc, 502, HmiMac, Hmi, 49152 + i, length: 64);
            sink.Frame(response);
            sink.Pdu(response, ProtocolId.ModbusTcp);
            sink.Operation(response, ProtocolId.ModbusTcp, 6, "Write Single Register", OperationKind.Write, isRequest: false);
        }

        var result = sink.Build();

        var flow = Assert.Single(result.Flows);
        Assert.Equal(("10.0.0.5", "10.0.0.10", 502), (flow.Client, flow.Server, flow.ServerPort));
        Assert.Equal((6L, 3 * 66L + (3 * 64L)), (flow.Packets, flow.Bytes));
        Assert.Equal("modbus:tcp/502", flow.Service.ToString());
        var operation = Assert.Single(flow.Operations);
        Assert.Equal((6, 3L, 3L), (operation.Code, operation.Requests, operation.Responses));

        var plc = result.Devices.Single(d => d.Key == "10.0.0.10");
        Assert.Equal(AssetKind.Plc, plc.Role);
        Assert.Contains("Modbus/TCP", plc.RoleReason!.ItTerms, StringComparison.Ordinal);
        Assert.Equal(["00:1b:1b:00:00:02"], plc.MacAddresses);
        Assert.Equal("Siemens AG", plc.MacVendor);
        Assert.Equal(AssetKind.Hmi, result.Devices.Single(d => d.Key == "10.0.0.5").Role);

        var write = Assert.Single(result.Events);
        Assert.Equal((DiscoveredEventKind.ProcessWrite, "10.0.0.5", "10.0.0.10", 3L), (write.Kind, write.Source, write.Target, write.Count));
        Assert.Contains("changed values in 10.0.0.10", write.Why.OtTerms, StringComparison.Ordinal);
        Assert.Equal(6, result.FramesByProtocol[ProtocolId.ModbusTcp]);
    }

    [Fact]
    public void A_mac_carrying_several_addresses_is_a_router_and_not_the_devices_own()
    {
        var sink = new DiscoveryAggregator([]);
        foreach (var remote in new[] { "192.168.1.20", "192.168.7.30" })
        {
            sink.Frame(Tcp(RouterMac, IpAddr.Parse(remote), 50000, PlcMac, Plc, 102, 60));
            sink.Frame(Tcp(PlcMac, Plc, 102, RouterMac, IpAddr.Parse(remote), 50000, 60));
        }

        var result = sink.Build();

        var router = result.Devices.Single(d => d.Role == AssetKind.Router);
        Assert.Equal("00:00:0c:00:00:03", router.Key);
        Assert.Contains("2 different IPv4 addresses", router.RoleReason!.ItTerms, StringComparison.Ordinal);
        Assert.Empty(result.Devices.Single(d => d.Key == "192.168.1.20").MacAddresses);
        Assert.Equal(["00:1b:1b:00:00:02"], result.Devices.Single(d => d.Key == "10.0.0.10").MacAddresses);
    }

    [Fact]
    public void An_address_seen_behind_two_macs_keeps_both_in_order()
    {
        var sink = new DiscoveryAggregator([]);
        sink.Frame(Tcp(new MacAddress(0x0011_2233_4409), Hmi, 50000, PlcMac, Plc, 502, 60));
        sink.Frame(Tcp(HmiMac, Hmi, 50001, PlcMac, Plc, 102, 60));

        var hmi = sink.Build().Devices.Single(d => d.Key == "10.0.0.5");

        Assert.Equal(["00:11:22:33:44:01", "00:11:22:33:44:09"], hmi.MacAddresses);
    }

    [Fact]
    public void An_address_that_only_received_is_not_a_device()
    {
        var sink = new DiscoveryAggregator([]);
        sink.Frame(Tcp(HmiMac, Hmi, 50000, PlcMac, Plc, 502, 60));

        var result = sink.Build();

        Assert.Equal(["10.0.0.5"], result.Devices.Select(d => d.Key));
        Assert.Single(result.Flows);
    }

    [Fact]
    public void Identity_facts_are_counted_once_per_value_and_a_mac_announcing_its_address_joins_that_device()
    {
        var sink = new DiscoveryAggregator([]);
        var poll = Tcp(HmiMac, Hmi, 50000, PlcMac, Plc, 102, 60);
        sink.Frame(poll);
        var answer = Tcp(PlcMac, Plc, 102, HmiMac, Hmi, 50000, 60);
        sink.Frame(answer);
        sink.Pdu(answer, ProtocolId.S7Comm);
        for (var i = 0; i < 4; i++)
        {
            sink.Identity(answer, ProtocolId.S7Comm, DeviceRef.Source(answer), IdentityField.Model, " 6ES7 315-2AG10-0AB0 ");
        }

        sink.Identity(answer, ProtocolId.S7Comm, DeviceRef.Source(answer), IdentityField.FirmwareVersion, "V2.6.7");
        var dcp = Layer2(PlcMac, new MacAddress(0x010E_CF00_0000), 0x8892);
        sink.Frame(dcp);
        sink.Pdu(dcp, ProtocolId.ProfinetDcp);
        sink.Identity(dcp, ProtocolId.ProfinetDcp, DeviceRef.ForMac(PlcMac), IdentityField.StationName, "plc-line2");
        sink.Identity(dcp, ProtocolId.ProfinetDcp, DeviceRef.ForMac(PlcMac), IdentityField.IpAddress, "10.0.0.10");

        var result = sink.Build();

        var plc = Assert.Single(result.Devices, d => d.Key == "10.0.0.10");
        Assert.Equal("6ES7 315-2AG10-0AB0", plc.Best(IdentityField.Model));
        Assert.Equal(4, plc.Identity.Single(f => f.Field == IdentityField.Model).Count);
        Assert.Equal("plc-line2", plc.Best(IdentityField.StationName));
        Assert.Contains(ProtocolId.ProfinetDcp, plc.UsesProtocols);
        Assert.DoesNotContain(result.Devices, d => d.Key == PlcMac.ToString());
    }

    [Fact]
    public void The_sender_of_a_program_download_is_an_engineering_workstation()
    {
        var sink = new DiscoveryAggregator([]);
        var download = Tcp(HmiMac, Hmi, 50000, PlcMac, Plc, 102, 200);
        sink.Frame(download);
        sink.Pdu(download, ProtocolId.S7Comm);
        sink.Operation(download, ProtocolId.S7Comm, 0x1B, "Download block", OperationKind.ProgramDownload, isRequest: true);
        sink.Operation(download, ProtocolId.S7Comm, 0x29, "PLC stop", OperationKind.Control, isRequest: true);

        var result = sink.Build();

        Assert.Equal(AssetKind.EngineeringWorkstation, result.Devices.Single(d => d.Key == "10.0.0.5").Role);
        Assert.Equal(
            [DiscoveredEventKind.ProgramDownload, DiscoveredEventKind.ControllerControl],
            result.Events.Select(e => e.Kind).Order());
        Assert.Contains("stop, start or restart", result.Events.Single(e => e.Kind == DiscoveredEventKind.ControllerControl).Why.OtTerms, StringComparison.Ordinal);
    }

    [Fact]
    public void Frames_of_a_second_capture_are_counted_apart_from_the_first_ones_with_the_same_numbers()
    {
        var sink = new DiscoveryAggregator([]);
        for (var file = 0; file < 2; file++)
        {
            sink.BeginCapture();
            number = 0;
            var frame = Tcp(HmiMac, Hmi, 50000, PlcMac, Plc, 502, 60);
            sink.Frame(frame);
            sink.Pdu(frame, ProtocolId.ModbusTcp);
            sink.Pdu(frame, ProtocolId.ModbusTcp);
        }

        var result = sink.Build();

        Assert.Equal(2, result.Frames);
        Assert.Equal(2, result.FramesByProtocol[ProtocolId.ModbusTcp]);
    }

    [Fact]
    public void Remote_access_and_clear_text_events_carry_their_detail_and_count_up()
    {
        var sink = new DiscoveryAggregator([]);
        for (var i = 0; i < 2; i++)
        {
            var login = Tcp(HmiMac, Hmi, 50000 + i, PlcMac, Plc, 23, 70);
            sink.Frame(login);
            sink.Event(login, ProtocolId.Telnet, DiscoveryEventKind.ClearTextCredential, "user 'admin' typed at a login prompt");
        }

        var credential = Assert.Single(sink.Build().Events);
        Assert.Equal((DiscoveredEventKind.ClearTextCredential, 2L), (credential.Kind, credential.Count));
        Assert.Contains("user 'admin'", credential.Why.ItTerms, StringComparison.Ordinal);
    }

    private FrameInfo Tcp(MacAddress sourceMac, IpAddr source, int sourcePort, MacAddress destinationMac, IpAddr destination, int destinationPort, int length) => new()
    {
        Number = ++number,
        TimestampNanos = 1_700_000_000_000_000_000 + (number * 1_000_000),
        SourceMac = sourceMac,
        DestinationMac = destinationMac,
        EtherType = 0x0800,
        Transport = DissectedTransport.Tcp,
        SourceIp = source,
        DestinationIp = destination,
        SourcePort = (ushort)sourcePort,
        DestinationPort = (ushort)destinationPort,
        WireLength = length,
    };

    private FrameInfo Layer2(MacAddress source, MacAddress destination, ushort etherType) => new()
    {
        Number = ++number,
        TimestampNanos = 1_700_000_000_000_000_000 + (number * 1_000_000),
        SourceMac = source,
        DestinationMac = destination,
        EtherType = etherType,
        Transport = DissectedTransport.Ethernet,
        WireLength = 60,
    };
}
