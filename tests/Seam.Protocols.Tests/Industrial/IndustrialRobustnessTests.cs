using Seam.Protocols.Bacnet;
using Seam.Protocols.Cdp;
using Seam.Protocols.Dissection;
using Seam.Protocols.Iec104;
using Seam.Protocols.Lldp;
using Seam.Protocols.OpcUa;
using Seam.Protocols.Profinet;
using Seam.Protocols.Tests.Bacnet;
using Seam.Protocols.Tests.Cdp;
using Seam.Protocols.Tests.Iec104;
using Seam.Protocols.Tests.Lldp;
using Seam.Protocols.Tests.OpcUa;
using Seam.Protocols.Tests.Profinet;

namespace Seam.Protocols.Tests.Industrial;

/// <summary>
/// Every industrial and layer-2 dissector takes random bytes, every truncation of a real PDU, and real PDUs
/// with bytes overwritten by absurd values (0x00, 0x7F, 0xFF: lengths of zero, of nearly everything, of more
/// than there is) without throwing; and a TCP dissector's measured length is never shorter than a header.
/// </summary>
public sealed class IndustrialRobustnessTests
{
    private const int Seed = 104_840;

    public static TheoryData<string, string> Samples() => new()
    {
        { nameof(OpcUaDissector), OpcUaDissectorTests.GetEndpointsResponse85 },
        { nameof(OpcUaDissector), OpcUaDissectorTests.ActivateSession49 },
        { nameof(OpcUaDissector), OpcUaDissectorTests.OpenRequest79 },
        { nameof(OpcUaDissector), OpcUaChunkTests.IntermediateGetEndpointsChunk },
        { nameof(BacnetIpDissector), BacnetDissectorTests.ReadPropertyMultipleAck },
        { nameof(BacnetIpDissector), BacnetDissectorTests.IAm },
        { nameof(BacnetIpDissector), BacnetSegmentationTests.FirstSegment },
        { nameof(BacnetEthernetDissector), BacnetDissectorTests.Ucs2VendorNameAck[8..] },
        { nameof(Iec104Dissector), Iec104DissectorTests.RegulatingStepActivation },
        { nameof(ProfinetDcpDissector), ProfinetDissectorTests.IdentifyResponse },
        { nameof(ProfinetDcpDissector), ProfinetDissectorTests.SetNameAndIp },
        { nameof(ProfinetRtDissector), ProfinetDissectorTests.IdentifyRequest },
        { nameof(ProfinetCmDissector), ProfinetDissectorTests.CmConnectRequest },
        { nameof(LldpDissector), LldpDissectorTests.Desktop17 },
        { nameof(CdpDissector), CdpDissectorTests.Announcement },
    };

    [Theory]
    [MemberData(nameof(Samples))]
    public void Every_truncation_and_every_absurd_byte_is_survived(string dissectorName, string hex)
    {
        var dissector = Create(dissectorName);
        var pdu = Convert.FromHexString(hex);
        var sink = new RecordingSink();

        for (var length = 0; length <= pdu.Length; length++)
        {
            Feed(dissector, pdu.AsSpan(0, length), sink);
        }

        var mutated = new byte[pdu.Length];
        foreach (var absurd in (byte[])[0x00, 0x7F, 0xFF])
        {
            for (var i = 0; i < pdu.Length; i++)
            {
                pdu.CopyTo(mutated, 0);
                mutated[i] = absurd;
                Feed(dissector, mutated, sink);
            }
        }

        // The untouched PDU still dissects: the loop above did not just feed bytes to a dissector that ignores all.
        var clean = new RecordingSink();
        Feed(dissector, pdu, clean);
        Assert.NotEmpty(clean.Pdus);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Random_bytes_and_random_corruptions_are_survived(string dissectorName, string hex)
    {
        var dissector = Create(dissectorName);
        var pdu = Convert.FromHexString(hex);
        var random = new Random(Seed);
        var sink = new RecordingSink();

        for (var round = 0; round < 2000; round++)
        {
            var noise = new byte[random.Next(0, 600)];
            random.NextBytes(noise);
            Feed(dissector, noise, sink);

            var corrupted = (byte[])pdu.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                corrupted[random.Next(corrupted.Length)] = (byte)random.Next(256);
            }

            Feed(dissector, corrupted.AsSpan(0, random.Next(corrupted.Length + 1)), sink);
        }

        Assert.All(sink.Events, e => Assert.False(string.IsNullOrWhiteSpace(e.Detail)));
    }

    private static void Feed(IDissector dissector, ReadOnlySpan<byte> bytes, RecordingSink sink)
    {
        var frame = new FrameInfo
        {
            Number = 1,
            Transport = dissector.Binding.EtherTypes.Count > 0 ? Transport.Ethernet : dissector.Binding.TcpPorts.Count > 0 ? Transport.Tcp : Transport.Udp,
            SourcePort = 50000,
            DestinationPort = FirstPort(dissector),
        };
        if (frame.Transport == Transport.Tcp)
        {
            var length = dissector.PduLength(bytes);
            Assert.True(length is -1 or 0 or >= 6, $"{dissector.GetType().Name} measured a {length}-byte PDU");
            _ = dissector.RecognisesStreamStart(bytes);
        }

        dissector.Dissect(frame, bytes, sink);
    }

    private static ushort FirstPort(IDissector dissector) =>
        dissector.Binding.TcpPorts.Concat(dissector.Binding.UdpPorts).FirstOrDefault();

    private static IDissector Create(string name) =>
        DissectorCatalog.All().Single(d => d.GetType().Name == name);
}
