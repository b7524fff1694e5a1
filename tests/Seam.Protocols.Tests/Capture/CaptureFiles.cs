using System.Buffers.Binary;

namespace Seam.Protocols.Tests.Capture;

/// <summary>Writes classic pcap files byte by byte, in either byte order and timestamp precision.</summary>
internal sealed class PcapFile(uint linkType, bool bigEndian = false, bool nanoseconds = false, uint snapLength = 65535)
{
    private readonly MemoryStream bytes = Header(linkType, bigEndian, nanoseconds, snapLength);

    public PcapFile Add(long timestampNanos, byte[] data, int? originalLength = null, int? capturedLengthField = null)
    {
        var seconds = (uint)(timestampNanos / 1_000_000_000);
        var fraction = (uint)(timestampNanos % 1_000_000_000 / (nanoseconds ? 1 : 1000));
        Write(seconds);
        Write(fraction);
        Write((uint)(capturedLengthField ?? data.Length));
        Write((uint)(originalLength ?? data.Length));
        bytes.Write(data);
        return this;
    }

    public byte[] ToArray() => bytes.ToArray();

    private static MemoryStream Header(uint linkType, bool bigEndian, bool nanoseconds, uint snapLength)
    {
        var stream = new MemoryStream();
        var header = new byte[24];
        Put32(header, 0, nanoseconds ? 0xA1B23C4D : 0xA1B2C3D4, bigEndian);
        Put16(header, 4, 2, bigEndian);
        Put16(header, 6, 4, bigEndian);
        Put32(header, 16, snapLength, bigEndian);
        Put32(header, 20, linkType, bigEndian);
        stream.Write(header);
        return stream;
    }

    private void Write(uint value)
    {
        var buffer = new byte[4];
        Put32(buffer, 0, value, bigEndian);
        bytes.Write(buffer);
    }

    internal static void Put32(byte[] buffer, int offset, uint value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt32BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt32LittleEndian(buffer.AsSpan(offset), value);
        }
    }

    internal static void Put16(byte[] buffer, int offset, ushort value, bool bigEndian)
    {
        if (bigEndian)
        {
            BinaryPrimitives.WriteUInt16BigEndian(buffer.AsSpan(offset), value);
        }
        else
        {
            BinaryPrimitives.WriteUInt16LittleEndian(buffer.AsSpan(offset), value);
        }
    }
}

/// <summary>Writes pcapng files block by block: sections in either byte order, interfaces with options, packets.</summary>
internal sealed class PcapngFile
{
    private readonly MemoryStream bytes = new();
    private bool bigEndian;

    public PcapngFile Section(bool bigEndianSection = false)
    {
        bigEndian = bigEndianSection;
        var body = new byte[16];
        Put32(body, 0, 0x1A2B3C4D);
        Put16(body, 4, 1);
        Put16(body, 6, 0);
        BinaryPrimitives.WriteInt64LittleEndian(body.AsSpan(8), -1);
        return Block(0x0A0D0D0A, body);
    }

    /// <param name="resolution">if_tsresol: 10^-n seconds, or 2^-n with the high bit set; null leaves the default (microseconds).</param>
    public PcapngFile Interface(ushort linkType, byte? resolution = null, long? offsetSeconds = null, uint snapLength = 0)
    {
        var body = new List<byte>();
        var fixedPart = new byte[8];
        Put16(fixedPart, 0, linkType);
        Put32(fixedPart, 4, snapLength);
        body.AddRange(fixedPart);
        if (resolution is { } r)
        {
            body.AddRange(Option(9, [r]));
        }

        if (offsetSeconds is { } seconds)
        {
            var value = new byte[8];
            if (bigEndian)
            {
                BinaryPrimitives.WriteInt64BigEndian(value, seconds);
            }
            else
            {
                BinaryPrimitives.WriteInt64LittleEndian(value, seconds);
            }

            body.AddRange(Option(14, value));
        }

        if (resolution is not null || offsetSeconds is not null)
        {
            body.AddRange(new byte[4]);
        }

        return Block(1, [.. body]);
    }

    public PcapngFile Enhanced(uint interfaceId, ulong timestampUnits, byte[] data, int? capturedLengthField = null)
    {
        var body = new byte[20 + Pad(data.Length)];
        Put32(body, 0, interfaceId);
        Put32(body, 4, (uint)(timestampUnits >> 32));
        Put32(body, 8, (uint)timestampUnits);
        Put32(body, 12, (uint)(capturedLengthField ?? data.Length));
        Put32(body, 16, (uint)data.Length);
        data.CopyTo(body, 20);
        return Block(6, body);
    }

    public PcapngFile Simple(byte[] data)
    {
        var body = new byte[4 + Pad(data.Length)];
        Put32(body, 0, (uint)data.Length);
        data.CopyTo(body, 4);
        return Block(3, body);
    }

    public PcapngFile ObsoletePacket(ushort interfaceId, ulong timestampUnits, byte[] data)
    {
        var body = new byte[20 + Pad(data.Length)];
        Put16(body, 0, interfaceId);
        Put32(body, 4, (uint)(timestampUnits >> 32));
        Put32(body, 8, (uint)timestampUnits);
        Put32(body, 12, (uint)data.Length);
        Put32(body, 16, (uint)data.Length);
        data.CopyTo(body, 20);
        return Block(2, body);
    }

    public PcapngFile Block(uint type, byte[] body, uint? lengthField = null)
    {
        var total = (uint)(12 + body.Length);
        var header = new byte[8];
        Put32(header, 0, type);
        Put32(header, 4, lengthField ?? total);
        bytes.Write(header);
        bytes.Write(body);
        var trailer = new byte[4];
        Put32(trailer, 0, lengthField ?? total);
        bytes.Write(trailer);
        return this;
    }

    public byte[] ToArray() => bytes.ToArray();

    private static int Pad(int length) => (length + 3) & ~3;

    private byte[] Option(ushort code, byte[] value)
    {
        var option = new byte[4 + Pad(value.Length)];
        Put16(option, 0, code);
        Put16(option, 2, (ushort)value.Length);
        value.CopyTo(option, 4);
        return option;
    }

    private void Put32(byte[] buffer, int offset, uint value) => PcapFile.Put32(buffer, offset, value, bigEndian);

    private void Put16(byte[] buffer, int offset, ushort value) => PcapFile.Put16(buffer, offset, value, bigEndian);
}
