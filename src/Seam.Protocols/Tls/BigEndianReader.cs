using System.Buffers.Binary;

namespace Seam.Protocols.Tls;

/// <summary>
/// A cursor over network-order bytes whose reads fail softly: once a read runs past the end, <see cref="Ok"/>
/// turns false and every further read returns zero or an empty span. Parsers check <see cref="Ok"/> at the
/// points where a short message changes what they report, instead of a bounds check before every field.
/// </summary>
internal ref struct BigEndianReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;

    public int Position { get; private set; }

    public bool Ok { get; private set; } = true;

    public readonly int Remaining => Ok ? _bytes.Length - Position : 0;

    public byte U8() => Take(1) is { Length: 1 } b ? b[0] : (byte)0;

    public ushort U16() => Take(2) is { Length: 2 } b ? BinaryPrimitives.ReadUInt16BigEndian(b) : (ushort)0;

    public int U24() => Take(3) is { Length: 3 } b ? (b[0] << 16) | (b[1] << 8) | b[2] : 0;

    public uint U32() => Take(4) is { Length: 4 } b ? BinaryPrimitives.ReadUInt32BigEndian(b) : 0;

    public ReadOnlySpan<byte> Take(int count)
    {
        if (!Ok || count < 0 || count > _bytes.Length - Position)
        {
            Ok = false;
            return default;
        }

        var slice = _bytes.Slice(Position, count);
        Position += count;
        return slice;
    }

    public void Skip(int count) => Take(count);
}
