using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests.ItProtocols;

/// <summary>Frame descriptions and byte helpers for the IT protocol dissector tests.</summary>
internal static class TestFrames
{
    public static readonly MacAddress ClientMac = MacAddress.Read([0x02, 0x00, 0x00, 0x00, 0x00, 0x01]);
    public static readonly MacAddress ServerMac = MacAddress.Read([0x02, 0x00, 0x00, 0x00, 0x00, 0x02]);

    public static FrameInfo Tcp(string source, ushort sourcePort, string destination, ushort destinationPort, long number = 1) =>
        Ip(Transport.Tcp, source, sourcePort, destination, destinationPort, number);

    public static FrameInfo Udp(string source, ushort sourcePort, string destination, ushort destinationPort, long number = 1) =>
        Ip(Transport.Udp, source, sourcePort, destination, destinationPort, number);

    public static byte[] Hex(string hex) => Convert.FromHexString(string.Concat(hex.Where(c => !char.IsWhiteSpace(c))));

    public static byte[] Ascii(string text) => System.Text.Encoding.ASCII.GetBytes(text);

    public static RecordingSink Dissect(IDissector dissector, in FrameInfo frame, byte[] pdu)
    {
        var sink = new RecordingSink();
        dissector.Dissect(frame, pdu, sink);
        return sink;
    }

    private static FrameInfo Ip(Transport transport, string source, ushort sourcePort, string destination, ushort destinationPort, long number) => new()
    {
        Number = number,
        SourceMac = ClientMac,
        DestinationMac = ServerMac,
        EtherType = source.Contains(':', StringComparison.Ordinal) ? (ushort)0x86DD : (ushort)0x0800,
        Transport = transport,
        SourceIp = IpAddr.Parse(source),
        DestinationIp = IpAddr.Parse(destination),
        SourcePort = sourcePort,
        DestinationPort = destinationPort,
    };
}
