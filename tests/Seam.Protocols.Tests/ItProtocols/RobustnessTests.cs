using Seam.Protocols.Dissection;
using Seam.Protocols.Tests.Tls;

namespace Seam.Protocols.Tests.ItProtocols;

/// <summary>
/// Every IT dissector takes random, truncated and absurd-length input without throwing, and PduLength never
/// claims more than a sane amount or a length that would not move the stream forward.
/// </summary>
public sealed class RobustnessTests
{
    private static readonly ProtocolId[] ItProtocols =
    [
        ProtocolId.Tls, ProtocolId.Http, ProtocolId.Dns, ProtocolId.Dhcp, ProtocolId.Ssh, ProtocolId.Rdp, ProtocolId.Vnc,
        ProtocolId.Smb, ProtocolId.Telnet, ProtocolId.Ftp, ProtocolId.Tftp, ProtocolId.Snmp, ProtocolId.RemoteSupport,
    ];

    public static TheoryData<ProtocolId> Protocols() => [.. ItProtocols];

    [Fact]
    public void The_catalogue_has_one_it_dissector_per_protocol_in_protocol_order()
    {
        var it = DissectorCatalog.All().Where(d => ItProtocols.Contains(d.Protocol)).Select(d => d.Protocol).ToList();

        Assert.Equal(ItProtocols.Order(), it);
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void Random_and_truncated_input_never_throws(ProtocolId protocol)
    {
        var dissector = DissectorCatalog.All().Single(d => d.Protocol == protocol);
        var random = new Random(6_2026 + (int)protocol);
        var sink = new RecordingSink();
        foreach (var seed in Seeds())
        {
            for (var cut = 0; cut <= seed.Length; cut++)
            {
                Exercise(dissector, seed[..cut], sink);
            }

            for (var round = 0; round < 300; round++)
            {
                var mutated = (byte[])seed.Clone();
                for (var flips = random.Next(1, 6); flips > 0 && mutated.Length > 0; flips--)
                {
                    mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
                }

                Exercise(dissector, mutated, sink);
            }
        }

        for (var round = 0; round < 2000; round++)
        {
            var noise = new byte[random.Next(0, 600)];
            random.NextBytes(noise);
            Exercise(dissector, noise, sink);
        }
    }

    [Theory]
    [MemberData(nameof(Protocols))]
    public void All_ones_and_all_zeros_at_every_length_never_throw(ProtocolId protocol)
    {
        var dissector = DissectorCatalog.All().Single(d => d.Protocol == protocol);
        var sink = new RecordingSink();
        for (var length = 0; length < 400; length++)
        {
            Exercise(dissector, Enumerable.Repeat((byte)0xFF, length).ToArray(), sink);
            Exercise(dissector, new byte[length], sink);
        }
    }

    private static void Exercise(IDissector dissector, byte[] bytes, RecordingSink sink)
    {
        foreach (var frame in Frames(dissector))
        {
            dissector.Dissect(frame, bytes, sink);
        }

        _ = dissector.RecognisesStreamStart(bytes);
        var length = dissector.PduLength(bytes);
        Assert.InRange(length, -1, Math.Max(bytes.Length, 16 * 1024 * 1024));
    }

    /// <summary>Each bound port in each direction, so the client-side and server-side paths both run.</summary>
    private static IEnumerable<FrameInfo> Frames(IDissector dissector)
    {
        foreach (var port in dissector.Binding.TcpPorts.Take(2))
        {
            yield return TestFrames.Tcp("10.0.0.5", 50000, "10.0.0.9", port);
            yield return TestFrames.Tcp("10.0.0.9", port, "10.0.0.5", 50000);
        }

        foreach (var port in dissector.Binding.UdpPorts.Take(2))
        {
            yield return TestFrames.Udp("10.0.0.5", 50000, "10.0.0.9", port);
            yield return TestFrames.Udp("10.0.0.9", port, "10.0.0.5", 50000);
        }
    }

    /// <summary>Valid messages of each protocol, so mutations explore the parsers' deeper paths too.</summary>
    private static IEnumerable<byte[]> Seeds()
    {
        yield return TlsDissectorTests.ClientHello("seed.example", ["h2"]);
        yield return TlsDissectorTests.ServerHello(0x0303, 0x0304);
        yield return TestFrames.Ascii("GET / HTTP/1.1\r\nHost: a:80\r\nAuthorization: Basic YTpi\r\nContent-Length: 3\r\n\r\nabc");
        yield return TestFrames.Hex("d66a81800001000100000000076761746577617906646f636b657208696e7465726e616c0000010001c00c00010001000000000004c0a84101");
        yield return TestFrames.Hex("0011d66a81800001000100000000c00c000c0001");
        yield return [1, 1, 6, 0, .. new byte[232], 0x63, 0x82, 0x53, 0x63, 53, 1, 3, 12, 3, 0x61, 0x62, 0x63, 81, 5, 4, 0, 0, 1, 0x61, 255];
        yield return TestFrames.Ascii("SSH-2.0-OpenSSH_9.6\r\n");
        yield return TestFrames.Hex("0300002a25e00000000000436f6f6b69653a206d737473686173683d610d0a010008000b000000");
        yield return TestFrames.Ascii("RFB 003.008\n");
        yield return TestFrames.Hex("00000088ff534d4273000000001807c80000000000000000000000000000fffe02e080000cff000401044132000000000000006300000000" +
            "00d40000a0c900a161305fa25d045b4e544c4d5353500003000000010001005a000000000000005b0000000000000048000000000000004800000012001200480000");
        yield return TestFrames.Hex("00000050fe534d42400000000000000005000000000000000000000000000000000000000000000000000000000000000000000000000000" +
            "0000000039000000000000000000000000000000000000000000000000000000000000000000000000000000780008000000000061006200");
        yield return [0xFF, 0xFB, 0x01, .. TestFrames.Ascii("login: ")];
        yield return TestFrames.Ascii("220 FTP ready\r\nUSER a\r\nSTOR b\r\n");
        yield return [0, 2, .. TestFrames.Ascii("f.bin"), 0, .. TestFrames.Ascii("octet"), 0];
        yield return TestFrames.Hex("302602010004067075626c6963a019020150020100020100300e300c06082b060102010101000500");
        yield return [0x17, 0x24, 0x0A, 0x20, .. new byte[33]];
    }
}
