using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tests.Capture;

/// <summary>Runs the pipeline over bytes in memory.</summary>
internal static class CaptureRun
{
    public static CaptureSummary Of(byte[] file, params IDissector[] dissectors) => Of(file, new RecordingSink(), dissectors);

    public static CaptureSummary Of(byte[] file, RecordingSink sink, params IDissector[] dissectors)
    {
        using var stream = new MemoryStream(file, writable: false);
        return PassiveDissection.Run(stream, dissectors, sink, "test.pcap");
    }

    public static ProbeDissector UdpProbe(ushort port = 20000) =>
        new(ProtocolId.BacnetIp, DissectorBinding.Udp(port));

    public static ProbeDissector TcpProbe(ushort port = 20000) =>
        new(ProtocolId.ModbusTcp, DissectorBinding.Tcp(port));
}
