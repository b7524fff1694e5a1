using System.Globalization;
using Seam.Protocols.Bacnet;
using Seam.Protocols.Capture;
using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Capture;

namespace Seam.Protocols.Tests.Bacnet;

/// <summary>
/// Segmented Complex-ACKs (ASHRAE 135 §5.2, §20.1.5) are put back together before their properties are read.
/// The unit tests split the ReadPropertyMultiple acknowledgement of <see cref="BacnetDissectorTests"/>, plus a
/// firmware-revision, into segments; the corpus tests compare the reassembled sizes with tshark's.
/// </summary>
public sealed class BacnetSegmentationTests
{
    // Device 111: vendor-name 'ACME', model-name 'PX-100', object-name 'AHU-1', firmware-revision '1.23'.
    private const string AckBody =
        "0c0200006f1e29794e75050041434d454f29464e75070050582d3130304f294d4e7506004148552d314f292c4e750500312e32334f1f";

    /// <summary>The first of several segments of that acknowledgement, as one UDP payload.</summary>
    internal const string FirstSegment = "810a0041" + "0100" + "3c0500040e" + AckBody;

    private static readonly FrameInfo FromDevice = new()
    {
        Number = 1,
        Transport = Transport.Udp,
        SourceIp = IpAddr.Parse("192.168.0.13"),
        DestinationIp = IpAddr.Parse("192.168.0.5"),
        SourcePort = 47808,
        DestinationPort = 47808,
    };

    private readonly BacnetSegments segments = new();

    private BacnetIpDissector Dissector => new(segments);

    [Fact]
    public void A_segmented_read_property_multiple_ack_gives_the_device_identity_on_its_last_segment()
    {
        var dissector = Dissector;
        var sink = new RecordingSink();
        var parts = Split(AckBody, 3);
        for (var i = 0; i < parts.Length; i++)
        {
            dissector.Dissect(FromDevice with { Number = i + 1 }, Segment(invokeId: 5, (byte)i, more: i < parts.Length - 1, parts[i]), sink);
        }

        Assert.All(sink.Identities, i => Assert.Equal((3L, FromDevice.SourceIp), (i.Frame, i.Device.Ip)));
        Assert.Equal(["ACME"], sink.Values(IdentityField.Vendor));
        Assert.Equal(["PX-100"], sink.Values(IdentityField.Model));
        Assert.Equal(["AHU-1"], sink.Values(IdentityField.HostName));
        Assert.Equal(["1.23"], sink.Values(IdentityField.FirmwareVersion));
        Assert.Equal(Enumerable.Repeat("readPropertyMultiple", 3), sink.Operations.Select(o => o.Name));
        Assert.Equal((1, (long)(AckBody.Length / 2), 0), (segments.Completed, segments.CompletedBytes, segments.InFlight));
    }

    [Fact]
    public void A_retransmitted_segment_is_held_once()
    {
        var dissector = Dissector;
        var sink = new RecordingSink();
        var parts = Split(AckBody, 2);
        dissector.Dissect(FromDevice, Segment(5, 0, more: true, parts[0]), sink);
        dissector.Dissect(FromDevice, Segment(5, 0, more: true, parts[0]), sink);
        dissector.Dissect(FromDevice, Segment(5, 1, more: false, parts[1]), sink);

        Assert.Equal(["1.23"], sink.Values(IdentityField.FirmwareVersion));
        Assert.Equal(AckBody.Length / 2, segments.CompletedBytes);
    }

    [Fact]
    public void A_missing_segment_drops_the_message()
    {
        var dissector = Dissector;
        var sink = new RecordingSink();
        var parts = Split(AckBody, 3);
        dissector.Dissect(FromDevice, Segment(5, 0, more: true, parts[0]), sink);
        dissector.Dissect(FromDevice, Segment(5, 2, more: false, parts[2]), sink);

        Assert.Empty(sink.Identities);
        Assert.Equal((0, 0), (segments.Completed, segments.InFlight));
    }

    [Fact]
    public void Segments_of_different_invoke_ids_or_senders_do_not_mix()
    {
        var dissector = Dissector;
        var sink = new RecordingSink();
        var parts = Split(AckBody, 2);
        dissector.Dissect(FromDevice, Segment(5, 0, more: true, parts[0]), sink);
        dissector.Dissect(FromDevice, Segment(6, 1, more: false, parts[1]), sink);
        dissector.Dissect(FromDevice with { SourceIp = IpAddr.Parse("192.168.0.14") }, Segment(5, 1, more: false, parts[1]), sink);

        Assert.Empty(sink.Identities);
        Assert.Equal(0, segments.Completed);
    }

    [Fact]
    public void Segment_acks_are_recognised()
    {
        var sink = new RecordingSink();
        // bacnet_segmented_data.pcap #16: Segment-ACK for invoke id 94, sequence 0, window 3.
        Dissector.Dissect(FromDevice, Convert.FromHexString("810a000a0100405e0003"), sink);

        var operation = Assert.Single(sink.Operations);
        Assert.Equal((ProtocolId.Bacnet, "segmentAck", false), (operation.Protocol, operation.Name, operation.IsRequest));
    }

    [Fact]
    public void Hostile_segments_cannot_grow_memory_past_the_bounds()
    {
        var dissector = Dissector;
        var sink = new RecordingSink();
        var big = new string('a', 1400 * 2);
        // A new message for every sender port and invoke id, and one sender that never ends its message.
        for (var i = 0; i < 5_000; i++)
        {
            dissector.Dissect(FromDevice with { SourcePort = (ushort)(40_000 + (i / 256)) }, Segment((byte)i, 0, more: true, big), sink);
        }

        for (var sequence = 1; sequence < 256; sequence++)
        {
            dissector.Dissect(FromDevice, Segment(255, 0, more: true, big), sink);
            dissector.Dissect(FromDevice, Segment(255, (byte)sequence, more: true, big), sink);
        }

        Assert.True(segments.InFlight <= BacnetSegments.MaxMessagesInFlight);
        Assert.Equal(0, segments.Completed);
    }

    [Fact]
    public void A_message_longer_than_the_bound_is_dropped()
    {
        var dissector = Dissector;
        var sink = new RecordingSink();
        var big = new string('a', 1400 * 2);
        var sequence = 0;
        for (; sequence * 1400 <= BacnetSegments.MaxMessageBytes; sequence++)
        {
            dissector.Dissect(FromDevice, Segment(9, (byte)sequence, more: true, big), sink);
        }

        dissector.Dissect(FromDevice, Segment(9, (byte)sequence, more: false, "1f"), sink);

        Assert.Equal((0, 0), (segments.Completed, segments.InFlight));
    }

    [Theory]
    [InlineData("bacnet/bacnet_segmented_data.pcap")]
    [InlineData("bacnet/bacnet_services.pcap")]
    public void Reassembled_messages_and_sizes_are_tsharks(string capture)
    {
        var path = CorpusCaptures.Full(capture);
        var expected = Tshark.Fields(path, "bacapp.reassembled.length")
            .Where(row => row[0].Length > 0)
            .Select(row => long.Parse(row[0], CultureInfo.InvariantCulture))
            .ToList();

        using (var file = File.OpenRead(path))
        {
            PassiveDissection.Run(file, [Dissector], new RecordingSink(), capture);
        }

        Assert.NotEmpty(expected);
        Assert.Equal((expected.Count, expected.Sum()), (segments.Completed, segments.CompletedBytes));
    }

    private static string[] Split(string hex, int count)
    {
        var size = (hex.Length / 2 + count - 1) / count * 2;
        return Enumerable.Range(0, count).Select(i => hex[Math.Min(hex.Length, i * size)..Math.Min(hex.Length, (i + 1) * size)]).ToArray();
    }

    /// <summary>BVLC Original-Unicast-NPDU, NPDU without addresses, segmented Complex-ACK of ReadPropertyMultiple.</summary>
    private static byte[] Segment(byte invokeId, byte sequence, bool more, string dataHex)
    {
        var apdu = $"{(more ? 0x3c : 0x38):x2}{invokeId:x2}{sequence:x2}04" + "0e" + dataHex;
        var length = 4 + 2 + (apdu.Length / 2);
        return Convert.FromHexString($"810a{length:x4}0100" + apdu);
    }
}
