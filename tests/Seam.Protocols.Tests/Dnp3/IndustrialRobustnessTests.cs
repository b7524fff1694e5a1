using Seam.Protocols.Dissection;
using Seam.Protocols.Dnp3;
using Seam.Protocols.EtherNetIp;
using Seam.Protocols.Modbus;
using Seam.Protocols.S7;
using Seam.Protocols.Tests.Modbus;

namespace Seam.Protocols.Tests.Dnp3;

/// <summary>
/// Random, truncated and absurd-length inputs for the four industrial dissectors: none may throw, and PduLength
/// must never ask for fewer bytes than a header or return a length it cannot have read.
/// </summary>
public sealed class IndustrialRobustnessTests
{
    public static TheoryData<string> Dissectors => ["modbus", "enip", "s7", "dnp3"];

    private static (IDissector Dissector, ushort Port, byte[] Valid) Create(string name) => name switch
    {
        "modbus" => (new ModbusTcpDissector(), 502, Convert.FromHexString(
            "00170000003d012b0e018300000300105a65656b204d6f646275732054657374011850726f746f636f6c2050617273696e672069732066756e210207312e322e332e36")),
        "enip" => (new EtherNetIpDissector(), 44818, Convert.FromHexString(
            "70005e0000020213000000000000000000000000000000000000000001000200a1000400010f5101b1004a0009000a022002240105000c00160022002c0036000302208e2401010008000302206424010200010002000302200124010100050003022069240001000b00030220692401020004000a00")),
        "s7" => (new S7Dissector(), 102, Convert.FromHexString(
            "0300009902f080320700000100000c007c000112081284010000000000ff09007800110000001c0004000136455337203331352d32454831342d304142302000c000040001000636455337203331352d32454831342d304142302000c0000400010007202020202020202020202020202020202020202000c0560302060081426f6f74204c6f61646572202020202020202020000041200909")),
        _ => (new Dnp3Dissector(), 20000, Convert.FromHexString(
            "056432c4040003009c8df7ce1946035b0124001a000a00000000b3c50000000000000000000000000001000047e60404002e2f746573742e786d6ced8f")),
    };

    [Theory]
    [MemberData(nameof(Dissectors))]
    public void Random_bytes_never_throw(string name)
    {
        var (dissector, port, _) = Create(name);
        var random = new Random(20261123);
        var sink = new RecordingSink();
        for (var i = 0; i < 5_000; i++)
        {
            var bytes = new byte[random.Next(0, 600)];
            random.NextBytes(bytes);
            CheckPduLength(dissector, bytes);
            dissector.Dissect(TcpFrames.ToServer(port, i), bytes, sink);
            dissector.Dissect(TcpFrames.FromServer(port, i), bytes, sink);
        }

        Assert.All(sink.Events, e => Assert.False(string.IsNullOrWhiteSpace(e.Detail)));
    }

    [Theory]
    [MemberData(nameof(Dissectors))]
    public void Every_truncation_of_a_real_pdu_is_survived_and_mutations_too(string name)
    {
        var (dissector, port, valid) = Create(name);
        var sink = new RecordingSink();
        for (var length = 0; length <= valid.Length; length++)
        {
            var prefix = valid[..length];
            CheckPduLength(dissector, prefix);
            dissector.Dissect(TcpFrames.FromServer(port), prefix, sink);
            dissector.Dissect(TcpFrames.ToServer(port), prefix, sink);
        }

        var random = new Random(7);
        for (var i = 0; i < 5_000; i++)
        {
            var mutated = (byte[])valid.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                mutated[random.Next(mutated.Length)] = (byte)random.Next(256);
            }

            CheckPduLength(dissector, mutated);
            dissector.Dissect(TcpFrames.FromServer(port), mutated, sink);
            dissector.Dissect(TcpFrames.ToServer(port), mutated, sink);
        }

        Assert.NotEmpty(sink.Pdus);
    }

    [Theory]
    [MemberData(nameof(Dissectors))]
    public void Lengths_of_all_ones_are_survived(string name)
    {
        var (dissector, port, valid) = Create(name);
        var sink = new RecordingSink();
        var absurd = Enumerable.Repeat((byte)0xFF, 300).ToArray();
        valid.AsSpan(0, Math.Min(4, valid.Length)).CopyTo(absurd);

        CheckPduLength(dissector, absurd);
        dissector.Dissect(TcpFrames.FromServer(port), absurd, sink);
        dissector.Dissect(TcpFrames.ToServer(port), absurd, sink);

        Assert.All(sink.Operations, o => Assert.False(string.IsNullOrEmpty(o.Name)));
    }

    private static void CheckPduLength(IDissector dissector, byte[] bytes)
    {
        var length = dissector.PduLength(bytes);
        Assert.True(length is -1 or 0 or >= 3, $"PduLength {length} for {bytes.Length} bytes");
    }
}
