using System.Buffers.Binary;
using System.Text;

namespace Seam.Protocols.OpcUa;

/// <summary>
/// Reads OPC UA binary encoding (Part 6 §5.2: little-endian, Int32-length strings, encoded NodeIds) from a
/// bounded span. A read past the end or a nonsensical length sets <see cref="Failed"/> and yields defaults, so a
/// caller walks a whole structure and checks once at the end instead of after every field.
/// </summary>
internal ref struct UaBinaryReader(ReadOnlySpan<byte> bytes)
{
    private const int MaxNesting = 8;

    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public int Position { get; private set; }

    public bool Failed { get; private set; }

    public readonly int Remaining => _bytes.Length - Position;

    public byte Byte()
    {
        if (!Has(1))
        {
            return 0;
        }

        return _bytes[Position++];
    }

    public uint UInt32()
    {
        if (!Has(4))
        {
            return 0;
        }

        var value = BinaryPrimitives.ReadUInt32LittleEndian(_bytes[Position..]);
        Position += 4;
        return value;
    }

    public int Int32() => (int)UInt32();

    public void Skip(int count)
    {
        if (Has(count))
        {
            Position += count;
        }
    }

    /// <summary>A String or ByteString: the bytes, empty for null (-1) and empty values.</summary>
    public ReadOnlySpan<byte> Bytes()
    {
        var length = Int32();
        if (length <= 0 || Failed)
        {
            if (length < -1)
            {
                Failed = true;
            }

            return [];
        }

        if (!Has(length))
        {
            return [];
        }

        var value = _bytes.Slice(Position, length);
        Position += length;
        return value;
    }

    public string? String()
    {
        var length = PeekInt32();
        var value = Bytes();
        return Failed || length < 0 ? null : Encoding.UTF8.GetString(value);
    }

    public void SkipString() => Bytes();

    public void SkipStringArray()
    {
        var count = ArrayLength();
        for (var i = 0; i < count && !Failed; i++)
        {
            SkipString();
        }
    }

    /// <summary>An array's element count: 0 for null, and a failure when it cannot fit in what is left.</summary>
    public int ArrayLength(int smallestElement = 1)
    {
        var count = Int32();
        if (count < -1 || (count > 0 && (long)count * smallestElement > Remaining))
        {
            Failed = true;
            return 0;
        }

        return Math.Max(count, 0);
    }

    /// <summary>
    /// A NodeId or ExpandedNodeId. Returns the numeric identifier in namespace 0, or -1 for any other identifier
    /// (string, GUID, opaque, or another namespace) since only namespace-0 numbers name standard types.
    /// </summary>
    public long NodeId()
    {
        var encoding = Byte();
        long id = -1;
        switch (encoding & 0x0F)
        {
            case 0x00:
                id = Byte();
                break;
            case 0x01:
                var ns1 = Byte();
                id = ns1 == 0 ? UInt16() : -1;
                if (ns1 != 0)
                {
                    UInt16();
                }

                break;
            case 0x02:
                var ns2 = UInt16();
                var value = UInt32();
                id = ns2 == 0 ? value : -1;
                break;
            case 0x03:
            case 0x05:
                UInt16();
                SkipString();
                break;
            case 0x04:
                UInt16();
                Skip(16);
                break;
            default:
                Failed = true;
                break;
        }

        if ((encoding & 0x80) != 0)
        {
            SkipString();
        }

        if ((encoding & 0x40) != 0)
        {
            UInt32();
        }

        return Failed ? -1 : id;
    }

    /// <summary>An ExtensionObject whose body is skipped; returns its type id like <see cref="NodeId"/>.</summary>
    public long SkipExtensionObject()
    {
        var typeId = NodeId();
        var bodyEncoding = Byte();
        if (bodyEncoding is 0x01 or 0x02)
        {
            Bytes();
        }
        else if (bodyEncoding != 0)
        {
            Failed = true;
        }

        return typeId;
    }

    public void SkipDiagnosticInfo(int depth = 0)
    {
        if (depth > MaxNesting)
        {
            Failed = true;
            return;
        }

        var mask = Byte();
        for (var bit = 0x01; bit <= 0x08; bit <<= 1)
        {
            if ((mask & bit) != 0)
            {
                Int32();
            }
        }

        if ((mask & 0x10) != 0)
        {
            SkipString();
        }

        if ((mask & 0x20) != 0)
        {
            UInt32();
        }

        if ((mask & 0x40) != 0)
        {
            SkipDiagnosticInfo(depth + 1);
        }
    }

    /// <summary>A LocalizedText: returns its text, null when absent.</summary>
    public string? LocalizedText()
    {
        var mask = Byte();
        if ((mask & 0x01) != 0)
        {
            SkipString();
        }

        return (mask & 0x02) != 0 ? String() : null;
    }

    public void SkipRequestHeader()
    {
        NodeId();
        Skip(8);
        UInt32();
        UInt32();
        SkipString();
        UInt32();
        SkipExtensionObject();
    }

    public void SkipResponseHeader()
    {
        Skip(8);
        UInt32();
        UInt32();
        SkipDiagnosticInfo();
        SkipStringArray();
        SkipExtensionObject();
    }

    private ushort UInt16()
    {
        if (!Has(2))
        {
            return 0;
        }

        var value = BinaryPrimitives.ReadUInt16LittleEndian(_bytes[Position..]);
        Position += 2;
        return value;
    }

    private readonly int PeekInt32() =>
        Remaining >= 4 ? BinaryPrimitives.ReadInt32LittleEndian(_bytes[Position..]) : -1;

    private bool Has(int count)
    {
        if (Failed || count < 0 || count > Remaining)
        {
            Failed = true;
            return false;
        }

        return true;
    }
}
