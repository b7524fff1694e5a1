using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests.Modbus;

/// <summary>Frame headers for the industrial dissector tests: a client and a server with fixed addresses.</summary>
internal static class TcpFrames
{
    public static readonly IpAddr ClientIp = IpAddr.Parse("10.0.0.10");
    public static readonly IpAddr ServerIp = IpAddr.Parse("10.0.0.20");
    public static readonly MacAddress ClientMac = new(0x0200_0000_0010);
    public static readonly MacAddress ServerMac = new(0x0200_0000_0020);

    public static FrameInfo ToServer(ushort serverPort, long number = 1, Transport transport = Transport.Tcp) => new()
    {
        Number = number,
        Transport = transport,
        SourceMac = ClientMac,
        DestinationMac = ServerMac,
        SourceIp = ClientIp,
        DestinationIp = ServerIp,
        SourcePort = 50_000,
        DestinationPort = serverPort,
    };

    public static FrameInfo FromServer(ushort serverPort, long number = 1, Transport transport = Transport.Tcp) => new()
    {
        Number = number,
        Transport = transport,
        SourceMac = ServerMac,
        DestinationMac = ClientMac,
        SourceIp = ServerIp,
        DestinationIp = ClientIp,
        SourcePort = serverPort,
        DestinationPort = 50_000,
    };

    public static DeviceRef Server => new(ServerMac, ServerIp);

    public static DeviceRef Client => new(ClientMac, ClientIp);
}
