using Seam.Inventory;

namespace Seam.Core.Tests.Inventory;

public class ServiceEndpointTests
{
    [Theory]
    [InlineData("modbus:tcp/502", "modbus", Transport.Tcp, 502, 502)]
    [InlineData("tcp/1024-65535", null, Transport.Tcp, 1024, 65535)]
    [InlineData("UDP/47808", null, Transport.Udp, 47808, 47808)]
    [InlineData("profinet-dcp:eth", "profinet-dcp", Transport.Ethernet, 0, 0)]
    [InlineData("s7", "s7", Transport.Tcp, 102, 102)]
    [InlineData("https", "https", Transport.Tcp, 443, 443)]
    [InlineData(" enip ", "enip", Transport.Tcp, 44818, 44818)]
    public void Written_services_parse_to_protocol_transport_and_ports(string text, string? protocol, Transport transport, int first, int last)
    {
        Assert.True(ServiceEndpoint.TryParse(text, out var service, out var error), error);
        Assert.Equal(new ServiceEndpoint(protocol, transport, first, last), service);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("tcp", "no port")]
    [InlineData("tcp/70000", "port")]
    [InlineData("tcp/600-500", "ends before it starts")]
    [InlineData("sctp/80", "transport")]
    [InlineData("nonsense", "not a known protocol")]
    [InlineData(":tcp/80", "empty protocol")]
    public void Malformed_services_are_refused_with_the_reason(string text, string reason)
    {
        Assert.False(ServiceEndpoint.TryParse(text, out _, out var error));
        Assert.Contains(reason, error, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("modbus:tcp/502")]
    [InlineData("tcp/1024-65535")]
    [InlineData("udp/161")]
    [InlineData("profinet-dcp:eth")]
    public void Written_form_round_trips(string text) =>
        Assert.Equal(text, ServiceEndpoint.Parse(text).ToString());

    [Fact]
    public void A_port_range_covers_the_ports_inside_it_only()
    {
        var range = ServiceEndpoint.Parse("tcp/1000-2000");
        Assert.True(range.Covers(Transport.Tcp, 1000));
        Assert.True(range.Covers(Transport.Tcp, 2000));
        Assert.False(range.Covers(Transport.Tcp, 2001));
        Assert.False(range.Covers(Transport.Udp, 1500));
        Assert.True(range.Covers(ServiceEndpoint.Parse("tcp/1500-1600")));
        Assert.False(range.Covers(ServiceEndpoint.Parse("tcp/1500-2600")));
    }

    [Theory]
    [InlineData("modbus:tcp/502", true)]
    [InlineData("tcp/502", true)]
    [InlineData("s7", true)]
    [InlineData("dnp3", true)]
    [InlineData("https", false)]
    [InlineData("opcua", false)]
    [InlineData("tcp/1024-65535", false)]
    public void Unauthenticated_ics_protocols_are_recognised_by_name_or_port(string text, bool expected) =>
        Assert.Equal(expected, KnownServices.IsUnauthenticatedIcsProtocol(ServiceEndpoint.Parse(text)));
}
