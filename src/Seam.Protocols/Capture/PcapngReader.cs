using System.Buffers.Binary;

namespace Seam.Protocols.Capture;

/// <summary>
/// pcapng: sections in either byte order, each with its own interfaces (link type, snapshot length, timestamp
/// resolution and offset); Enhanced, Simple and the obsolete Packet blocks; every other block skipped by its
/// length. A block whose body is damaged but whose length is sane is skipped with a problem; a length that
/// cannot be trusted stops the walk.
/// </summary>
internal sealed class PcapngReader : CaptureRecordReader
{
    public const uint SectionHeaderType = 0x0A0D0D0A;

    private const uint InterfaceDescriptionType = 1;
    private const uint ObsoletePacketType = 2;
    private const uint SimplePacketType = 3;
    private const uint EnhancedPacketType = 6;
    private const uint ByteOrderMagic = 0x1A2B3C4D;
    private const int MinimumBlockLength = 12;

    private readonly List<InterfaceDescription> interfaces = [];
    private bool bigEndian;

    public PcapngReader(CaptureInput input, ProblemLog problems)
        : base(input, problems)
    {
        // The first section header decides the byte order; a file whose first block cannot be read is no pcapng.
        if (!input.Ensure(MinimumBlockLength) || !TryReadByteOrder(input.Peek(MinimumBlockLength), out bigEndian))
        {
            var found = input.Available >= MinimumBlockLength
                ? Hex(input.Peek(MinimumBlockLength)[8..])
                : $"only {input.Available} bytes";
            throw new CaptureFormatException(input.Source, 8, "the pcapng byte-order magic 1a2b3c4d in either byte order", found);
        }
    }

    protected override bool ReadRecord()
    {
        while (true)
        {
            var offset = Input.Position;
            if (!Input.Ensure(8))
            {
                if (Input.Available > 0)
                {
                    Problems.Add(offset, null, $"the file ends inside a block header ({Input.Available} of 8 bytes)");
                }

                return false;
            }

            var type = ReadUInt32(Input.Peek(8));
            if (type == SectionHeaderType && !StartSection(offset))
            {
                return false;
            }

            var length = ReadUInt32(Input.Peek(8)[4..]);
            if (length < MinimumBlockLength || length % 4 != 0 || length > MaxRecordLength)
            {
                Problems.Add(offset, null,
                    $"block of type 0x{type:x8} says its total length is {length}, which is not a multiple of 4 between " +
                    $"{MinimumBlockLength} and {MaxRecordLength}; the blocks after it cannot be found, so reading stopped here");
                return false;
            }

            if (type is not (SectionHeaderType or InterfaceDescriptionType or EnhancedPacketType or SimplePacketType or ObsoletePacketType))
            {
                // Statistics, name resolution, decryption secrets, custom blocks: nothing Seam needs.
                if (Input.Skip(length) < length)
                {
                    Problems.Add(offset, null, $"the file ends inside a block of type 0x{type:x8} that says it is {length} bytes long");
                    return false;
                }

                continue;
            }

            if (!Input.Ensure((int)length))
            {
                Problems.Add(offset, type == SectionHeaderType || type == InterfaceDescriptionType ? null : NextFrame,
                    $"the file ends inside a block of type 0x{type:x8}: it says it is {length} bytes long, only {Input.Available} remain");
                return false;
            }

            var block = Input.Peek((int)length);
            var blockStart = Input.Mark;
            if (ReadUInt32(block[^4..]) != length)
            {
                Problems.Add(offset, null,
                    $"block of type 0x{type:x8} ends with total length {ReadUInt32(block[^4..])}, not the {length} it starts with; read it anyway");
            }

            var isPacket = type switch
            {
                SectionHeaderType => false,
                InterfaceDescriptionType => ReadInterface(block, offset),
                _ => ReadPacket(type, block, blockStart, offset),
            };
            Input.Advance((int)length);
            if (isPacket)
            {
                RecordOffset = offset;
                return true;
            }
        }
    }

    /// <summary>A new section: its own byte order and a fresh interface list.</summary>
    private bool StartSection(long offset)
    {
        if (!Input.Ensure(MinimumBlockLength) || !TryReadByteOrder(Input.Peek(MinimumBlockLength), out var sectionBigEndian))
        {
            Problems.Add(offset, null, "a section header block without the byte-order magic 1a2b3c4d; the rest of the file cannot be read");
            return false;
        }

        bigEndian = sectionBigEndian;
        interfaces.Clear();
        return true;
    }

    private bool ReadInterface(ReadOnlySpan<byte> block, long offset)
    {
        if (block.Length < 20)
        {
            Problems.Add(offset, null, $"interface description block of {block.Length} bytes is shorter than the 20 it needs; skipped");
            return false;
        }

        var linkType = ReadUInt16(block[8..]);
        var snapLength = ReadUInt32(block[12..]);
        var resolution = (byte)6;
        var offsetSeconds = 0L;
        var options = block[16..^4];
        while (options.Length >= 4)
        {
            var code = ReadUInt16(options);
            var valueLength = ReadUInt16(options[2..]);
            if (code == 0 || 4 + valueLength > options.Length)
            {
                break;
            }

            var value = options.Slice(4, valueLength);
            if (code == 9 && valueLength >= 1)
            {
                resolution = value[0];
            }
            else if (code == 14 && valueLength >= 8)
            {
                offsetSeconds = bigEndian ? BinaryPrimitives.ReadInt64BigEndian(value) : BinaryPrimitives.ReadInt64LittleEndian(value);
            }

            options = options[Math.Min(options.Length, 4 + ((valueLength + 3) & ~3))..];
        }

        interfaces.Add(new InterfaceDescription(linkType, snapLength, TimestampScale.FromResolution(resolution), offsetSeconds));
        return false;
    }

    private bool ReadPacket(uint type, ReadOnlySpan<byte> block, int blockStart, long offset)
    {
        int interfaceId;
        ulong timestamp = 0;
        uint captured;
        uint original;
        int dataOffset;
        switch (type)
        {
            case SimplePacketType:
                if (block.Length < 16)
                {
                    return SkipPacket(offset, "a simple packet block shorter than 16 bytes");
                }

                interfaceId = 0;
                original = ReadUInt32(block[8..]);
                captured = Math.Min(original, (uint)(block.Length - 16));
                if (interfaces.Count > 0 && interfaces[0].SnapLength > 0)
                {
                    captured = Math.Min(captured, interfaces[0].SnapLength);
                }

                dataOffset = 12;
                break;

            default:
                if (block.Length < 32)
                {
                    return SkipPacket(offset, $"a packet block of {block.Length} bytes, shorter than the 32 it needs");
                }

                interfaceId = type == EnhancedPacketType ? (int)Math.Min(ReadUInt32(block[8..]), int.MaxValue) : ReadUInt16(block[8..]);
                timestamp = ((ulong)ReadUInt32(block[12..]) << 32) | ReadUInt32(block[16..]);
                captured = ReadUInt32(block[20..]);
                original = ReadUInt32(block[24..]);
                dataOffset = 28;
                if (captured > block.Length - 32)
                {
                    return SkipPacket(offset, $"the packet block says {captured} captured bytes but holds only {block.Length - 32}");
                }

                break;
        }

        if (interfaceId >= interfaces.Count)
        {
            return SkipPacket(offset, $"the packet names interface {interfaceId} but its section describes {interfaces.Count}");
        }

        var description = interfaces[interfaceId];
        LinkType = description.LinkType;
        TimestampNanos = description.Scale.ToNanoseconds(timestamp) + (description.OffsetSeconds * 1_000_000_000L);
        OriginalLength = (int)Math.Min(original, int.MaxValue);
        SetData(blockStart + dataOffset, (int)captured);
        return true;
    }

    private bool SkipPacket(long offset, string reason)
    {
        Problems.Add(offset, NextFrame, reason + "; the block was skipped");
        return false;
    }

    private static bool TryReadByteOrder(ReadOnlySpan<byte> sectionStart, out bool isBigEndian)
    {
        var magic = BinaryPrimitives.ReadUInt32LittleEndian(sectionStart[8..]);
        isBigEndian = magic == BinaryPrimitives.ReverseEndianness(ByteOrderMagic);
        return magic == ByteOrderMagic || isBigEndian;
    }

    private uint ReadUInt32(ReadOnlySpan<byte> bytes) =>
        bigEndian ? BinaryPrimitives.ReadUInt32BigEndian(bytes) : BinaryPrimitives.ReadUInt32LittleEndian(bytes);

    private ushort ReadUInt16(ReadOnlySpan<byte> bytes) =>
        bigEndian ? BinaryPrimitives.ReadUInt16BigEndian(bytes) : BinaryPrimitives.ReadUInt16LittleEndian(bytes);

    private readonly record struct InterfaceDescription(ushort LinkType, uint SnapLength, TimestampScale Scale, long OffsetSeconds);
}

/// <summary>Turns an interface's timestamp units (if_tsresol: 10^-n or 2^-n seconds) into nanoseconds.</summary>
internal readonly record struct TimestampScale(ulong Multiplier, ulong Divisor)
{
    public static TimestampScale FromResolution(byte resolution)
    {
        var exponent = resolution & 0x7F;
        if ((resolution & 0x80) != 0)
        {
            // Units of 2^-n seconds; beyond 2^-63 a unit is far below a nanosecond anyway.
            return new TimestampScale(1_000_000_000, 1UL << Math.Min(exponent, 63));
        }

        if (exponent <= 9)
        {
            return new TimestampScale(Pow10(9 - exponent), 1);
        }

        return new TimestampScale(1, Pow10(Math.Min(exponent - 9, 19)));
    }

    public long ToNanoseconds(ulong units)
    {
        if (Divisor == 1)
        {
            return unchecked((long)(units * Multiplier));
        }

        return unchecked((long)(ulong)((UInt128)units * Multiplier / Divisor));
    }

    private static ulong Pow10(int exponent)
    {
        var value = 1UL;
        for (var i = 0; i < exponent; i++)
        {
            value *= 10;
        }

        return value;
    }
}
