using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using static Seam.Protocols.Tests.Capture.Packets;

namespace Seam.Protocols.Tests.Capture;

/// <summary>The hot path allocates nothing per packet: ten times the frames cost no more allocation.</summary>
public sealed class ConstantMemoryTests
{
    [Fact]
    public void Allocation_does_not_grow_with_the_number_of_frames()
    {
        var small = Allocated(Capture(2_000));
        var large = Allocated(Capture(20_000));

        // 18,000 more frames (UDP, TCP with PDUs split across segments, VLAN, layer 2): allowed well under one byte each.
        Assert.True(large - small < 16 * 1024, $"2,000 frames allocated {small} bytes, 20,000 allocated {large}");
    }

    private static long Allocated(byte[] file)
    {
        using var stream = new MemoryStream(file, writable: false);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var summary = PassiveDissection.Run(stream, [new CountingDissector(DissectorBinding.Udp(20000)), new CountingDissector(DissectorBinding.Tcp(20000)), new CountingDissector(DissectorBinding.Ethernet(0x88CC))], new NullSink());
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(summary.FramesByProtocol[ProtocolId.Unknown] > 0);
        return allocated;
    }

    private static byte[] Capture(int frames)
    {
        var file = new PcapFile(1);
        var pdu = ProbeDissector.Pdu(1, 2, 3, 4, 5, 6, 7, 8);
        var sequence = 1u;
        for (var i = 0; i < frames; i++)
        {
            var frame = (i % 4) switch
            {
                0 => EthernetUdp(1000, 20000, pdu),
                1 => EthernetTcp(40000, 20000, sequence, 0x18, pdu[..5]),
                2 => EthernetTcp(40000, 20000, sequence, 0x18, pdu[5..]),
                _ => Ethernet(0x88CC, pdu, (0x8100, 7)),
            };
            sequence += (i % 4) switch { 1 => 5u, 2 => (uint)pdu.Length - 5, _ => 0u };
            file.Add(i * 1000L, frame);
        }

        return file.ToArray();
    }

    private sealed class CountingDissector(DissectorBinding binding) : IDissector
    {
        public ProtocolId Protocol => ProtocolId.Unknown;

        public DissectorBinding Binding => binding;

        public int PduLength(ReadOnlySpan<byte> stream) => stream.Length < 3 ? 0 : (stream[1] << 8) | stream[2];

        public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink) => sink.Pdu(frame, Protocol);
    }

    private sealed class NullSink : IDissectionSink
    {
        public void Pdu(in FrameInfo frame, ProtocolId protocol)
        {
        }

        public void Operation(in FrameInfo frame, ProtocolId protocol, ushort code, string name, OperationKind kind, bool isRequest)
        {
        }

        public void Identity(in FrameInfo frame, ProtocolId protocol, DeviceRef device, IdentityField field, string value)
        {
        }

        public void Event(in FrameInfo frame, ProtocolId protocol, DiscoveryEventKind kind, string detail)
        {
        }
    }
}
