using System.Buffers.Binary;
using System.Globalization;

namespace Seam.Protocols.Dissection;

/// <summary>A 48-bit Ethernet address held in a <see cref="ulong"/>, so frames carry it without allocating.</summary>
public readonly record struct MacAddress(ulong Value)
{
    public static MacAddress None => default;

    public bool IsNone => Value == 0;

    /// <summary>Group bit set: broadcast or multicast, never one device.</summary>
    public bool IsGroup => (Value & 0x0100_0000_0000UL) != 0;

    /// <summary>The organisationally unique identifier: the first three bytes, which name the vendor.</summary>
    public uint Oui => (uint)(Value >> 24);

    public static MacAddress Read(ReadOnlySpan<byte> sixBytes) =>
        new(((ulong)BinaryPrimitives.ReadUInt16BigEndian(sixBytes) << 32) | BinaryPrimitives.ReadUInt32BigEndian(sixBytes[2..]));

    public override string ToString() => string.Create(17, Value, static (span, value) =>
    {
        for (var i = 0; i < 6; i++)
        {
            var b = (byte)(value >> (40 - (8 * i)));
            b.TryFormat(span[(i * 3)..], out _, "x2", CultureInfo.InvariantCulture);
            if (i < 5)
            {
                span[(i * 3) + 2] = ':';
            }
        }
    });
}
