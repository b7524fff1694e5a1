using System.Buffers.Binary;
using Seam.Testing.Corpus;

namespace Seam.Bench.Discovery;

/// <summary>
/// Writes a large Ethernet pcap by repeating the corpus's Ethernet captures, each repetition with its own IPv4
/// and MAC addresses (second and third octets, NIC-specific MAC bytes) and later timestamps, so flows and
/// devices multiply as on a real plant instead of repeating the same dozen hosts.
/// </summary>
public static class PlantCaptureGenerator
{
    private const uint EthernetLinkType = 1;

    /// <returns>Packets written.</returns>
    public static long Write(string path, long targetBytes)
    {
        var sources = LoadEthernetCaptures();
        if (sources.Count == 0)
        {
            throw new InvalidOperationException("The corpus has no Ethernet pcap to repeat.");
        }

        using var output = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        Span<byte> header = stackalloc byte[24];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B23C4D);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 262_144);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], EthernetLinkType);
        output.Write(header);

        var clock = 1_767_225_600L * 1_000_000_000;
        var packets = 0L;
        var frame = new byte[262_144];
        Span<byte> recordHeader = stackalloc byte[16];
        for (var repetition = 1; output.Length < targetBytes; repetition++)
        {
            foreach (var capture in sources)
            {
                var shift = clock - capture.Records[0].TimestampNanos;
                foreach (var record in capture.Records)
                {
                    var data = frame.AsSpan(0, record.Data.Length);
                    record.Data.CopyTo(data);
                    Readdress(data, repetition);
                    var time = record.TimestampNanos + shift;
                    BinaryPrimitives.WriteUInt32LittleEndian(recordHeader, (uint)(time / 1_000_000_000));
                    BinaryPrimitives.WriteUInt32LittleEndian(recordHeader[4..], (uint)(time % 1_000_000_000));
                    BinaryPrimitives.WriteUInt32LittleEndian(recordHeader[8..], (uint)data.Length);
                    BinaryPrimitives.WriteUInt32LittleEndian(recordHeader[12..], (uint)record.OriginalLength);
                    output.Write(recordHeader);
                    output.Write(data);
                    packets++;
                    clock = Math.Max(clock, time);
                }

                clock += 1_000_000;
                if (output.Length >= targetBytes)
                {
                    break;
                }
            }
        }

        return packets;
    }

    /// <summary>Moves the frame's hosts into the repetition's own address space: a.b.c.d becomes a.(b^hi).(c^lo).d.</summary>
    private static void Readdress(Span<byte> frame, int repetition)
    {
        if (frame.Length < 14)
        {
            return;
        }

        var high = (byte)(repetition >> 8);
        var low = (byte)repetition;

        // The vendor part (OUI) stays, so device identification by MAC still works.
        frame[3] ^= high;
        frame[4] ^= low;
        frame[9] ^= high;
        frame[10] ^= low;

        var offset = 12;
        var type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        while (type is 0x8100 or 0x88A8 && frame.Length >= offset + 6)
        {
            offset += 4;
            type = BinaryPrimitives.ReadUInt16BigEndian(frame[offset..]);
        }

        var ip = frame[(offset + 2)..];
        if (type != 0x0800 || ip.Length < 20 || ip[0] >> 4 != 4)
        {
            return;
        }

        ip[13] ^= high;
        ip[14] ^= low;
        ip[17] ^= high;
        ip[18] ^= low;
        var headerLength = (ip[0] & 0x0F) * 4;
        if (headerLength >= 20 && headerLength <= ip.Length)
        {
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], 0);
            BinaryPrimitives.WriteUInt16BigEndian(ip[10..], HeaderChecksum(ip[..headerLength]));
        }
    }

    private static ushort HeaderChecksum(ReadOnlySpan<byte> header)
    {
        var sum = 0u;
        for (var i = 0; i + 1 < header.Length; i += 2)
        {
            sum += BinaryPrimitives.ReadUInt16BigEndian(header[i..]);
        }

        while (sum > 0xFFFF)
        {
            sum = (sum & 0xFFFF) + (sum >> 16);
        }

        return (ushort)~sum;
    }

    private static List<SourceCapture> LoadEthernetCaptures()
    {
        var captures = new List<SourceCapture>();
        var root = SharedCorpus.Path("pcaps");
        foreach (var path in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            if (Path.GetExtension(path) is ".pcap" or ".cap" && SourceCapture.TryRead(path) is { Records.Count: > 0 } capture)
            {
                captures.Add(capture);
            }
        }

        return captures;
    }

    private sealed record SourceRecord(long TimestampNanos, int OriginalLength, byte[] Data);

    /// <summary>A classic Ethernet pcap held in memory (corpus files are small).</summary>
    private sealed record SourceCapture(IReadOnlyList<SourceRecord> Records)
    {
        public static SourceCapture? TryRead(string path)
        {
            var bytes = File.ReadAllBytes(path);
            if (bytes.Length < 24)
            {
                return null;
            }

            var magic = BinaryPrimitives.ReadUInt32LittleEndian(bytes);
            var bigEndian = magic is 0xD4C3B2A1 or 0x4D3CB2A1;
            var native = bigEndian ? BinaryPrimitives.ReverseEndianness(magic) : magic;
            if (native is not (0xA1B2C3D4 or 0xA1B23C4D) || Read(bytes, 20, bigEndian) != EthernetLinkType)
            {
                return null;
            }

            var fractionScale = native == 0xA1B23C4D ? 1L : 1000L;
            var records = new List<SourceRecord>();
            for (var at = 24; at + 16 <= bytes.Length;)
            {
                var captured = Read(bytes, at + 8, bigEndian);
                if (captured > 262_144 || at + 16 + captured > bytes.Length)
                {
                    break;
                }

                var time = (Read(bytes, at, bigEndian) * 1_000_000_000L) + (Read(bytes, at + 4, bigEndian) * fractionScale);
                records.Add(new SourceRecord(time, (int)Read(bytes, at + 12, bigEndian), bytes[(at + 16)..(at + 16 + (int)captured)]));
                at += 16 + (int)captured;
            }

            return new SourceCapture(records);
        }

        private static uint Read(byte[] bytes, int at, bool bigEndian) =>
            bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(at)) : BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(at));
    }
}
