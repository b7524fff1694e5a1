using System.Buffers.Binary;
using System.Globalization;
using System.Net;

namespace Seam.Protocols.Dissection;

/// <summary>
/// An IPv4 or IPv6 address as two <see cref="ulong"/>s, so the hot path keys tables by address without
/// allocating an <see cref="IPAddress"/>. IPv4 is held as its IPv4-mapped IPv6 form.
/// </summary>
public readonly record struct IpAddr(ulong High, ulong Low)
{
    private const ulong MappedPrefix = 0x0000_FFFF_0000_0000UL;

    public static IpAddr None => default;

    public bool IsNone => High == 0 && Low == 0;

    public bool IsV4 => High == 0 && (Low & 0xFFFF_FFFF_0000_0000UL) == MappedPrefix;

    public static IpAddr FromV4(uint address) => new(0, MappedPrefix | address);

    public static IpAddr ReadV4(ReadOnlySpan<byte> fourBytes) => FromV4(BinaryPrimitives.ReadUInt32BigEndian(fourBytes));

    public static IpAddr ReadV6(ReadOnlySpan<byte> sixteenBytes) =>
        new(BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes), BinaryPrimitives.ReadUInt64BigEndian(sixteenBytes[8..]));

    public static IpAddr Parse(string text) =>
        TryParse(text, out var address) ? address : throw new FormatException($"'{text}' is not an IPv4 or IPv6 address.");

    public static bool TryParse(string? text, out IpAddr address)
    {
        address = None;
        if (!IPAddress.TryParse(text, out var parsed))
        {
            return false;
        }

        address = From(parsed);
        return true;
    }

    private static IpAddr From(IPAddress address)
    {
        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes, out _);
            return ReadV4(bytes);
        }

        address.TryWriteBytes(bytes, out _);
        return ReadV6(bytes);
    }

    public IPAddress ToIPAddress()
    {
        if (IsV4)
        {
            Span<byte> v4 = stackalloc byte[4];
            BinaryPrimitives.WriteUInt32BigEndian(v4, (uint)Low);
            return new IPAddress(v4);
        }

        Span<byte> v6 = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(v6, High);
        BinaryPrimitives.WriteUInt64BigEndian(v6[8..], Low);
        return new IPAddress(v6);
    }

    public override string ToString() => IsNone ? "" : IsV4 ? DottedQuad((uint)Low) : ToIPAddress().ToString();

    /// <summary>IPv4 text without an <see cref="IPAddress"/> in between: devices and flows name tens of thousands of addresses.</summary>
    private static string DottedQuad(uint address)
    {
        var length = 3;
        for (var shift = 0; shift < 32; shift += 8)
        {
            var octet = (byte)(address >> shift);
            length += octet >= 100 ? 3 : octet >= 10 ? 2 : 1;
        }

        return string.Create(length, address, static (text, value) =>
        {
            var at = 0;
            for (var shift = 24; shift >= 0; shift -= 8)
            {
                ((byte)(value >> shift)).TryFormat(text[at..], out var written, default, CultureInfo.InvariantCulture);
                at += written;
                if (shift > 0)
                {
                    text[at++] = '.';
                }
            }
        });
    }
}
