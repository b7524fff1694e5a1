using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests;

public sealed class AddressTests
{
    [Fact]
    public void Mac_address_reads_six_bytes_and_prints_colon_hex()
    {
        var mac = MacAddress.Read([0x00, 0x1B, 0x1B, 0x0A, 0xFF, 0x01]);

        Assert.Equal("00:1b:1b:0a:ff:01", mac.ToString());
        Assert.Equal(0x001B1Bu, mac.Oui);
        Assert.False(mac.IsGroup);
        Assert.True(MacAddress.Read([0x01, 0x0E, 0xCF, 0, 0, 0]).IsGroup);
    }

    [Theory]
    [InlineData("192.168.1.10", true)]
    [InlineData("fe80::1", false)]
    [InlineData("::ffff:10.0.0.1", true)]
    public void Ip_address_round_trips_through_its_text(string text, bool isV4)
    {
        var ip = IpAddr.Parse(text);

        Assert.Equal(isV4, ip.IsV4);
        Assert.Equal(text.Replace("::ffff:", "", StringComparison.Ordinal), ip.ToString());
    }

    [Fact]
    public void Ipv4_read_from_bytes_equals_parsed_text()
    {
        Assert.Equal(IpAddr.Parse("10.1.2.3"), IpAddr.ReadV4([10, 1, 2, 3]));
        Assert.NotEqual(IpAddr.Parse("10.1.2.3"), IpAddr.ReadV4([10, 1, 2, 4]));
    }
}
