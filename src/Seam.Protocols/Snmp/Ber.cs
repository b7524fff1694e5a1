using System.Globalization;
using System.Text;

namespace Seam.Protocols.Snmp;

/// <summary>One BER tag-length-value (X.690 §8.1) with its contents; SNMP uses single-byte tags only.</summary>
internal readonly ref struct BerElement(byte tag, ReadOnlySpan<byte> contents)
{
    public byte Tag { get; } = tag;

    public ReadOnlySpan<byte> Contents { get; } = contents;
}

/// <summary>A cursor over BER elements that stops (returns false) at the first one that does not fit.</summary>
internal ref struct BerReader(ReadOnlySpan<byte> bytes)
{
    private ReadOnlySpan<byte> _rest = bytes;

    public readonly bool IsEmpty => _rest.IsEmpty;

    public bool TryRead(out BerElement element)
    {
        element = default;
        if (_rest.Length < 2)
        {
            return false;
        }

        var tag = _rest[0];
        int length = _rest[1];
        var headerLength = 2;
        if (length >= 0x80)
        {
            var lengthBytes = length & 0x7F;
            if (lengthBytes is 0 or > 3 || _rest.Length < 2 + lengthBytes)
            {
                return false;
            }

            length = 0;
            for (var i = 0; i < lengthBytes; i++)
            {
                length = (length << 8) | _rest[2 + i];
            }

            headerLength += lengthBytes;
        }

        if (length > _rest.Length - headerLength)
        {
            return false;
        }

        element = new BerElement(tag, _rest.Slice(headerLength, length));
        _rest = _rest[(headerLength + length)..];
        return true;
    }

    public bool TryRead(byte expectedTag, out BerElement element) => TryRead(out element) && element.Tag == expectedTag;

    /// <summary>A non-negative INTEGER up to 31 bits; false for anything else.</summary>
    public static bool TryInteger(ReadOnlySpan<byte> contents, out int value)
    {
        value = 0;
        if (contents.IsEmpty || contents.Length > 4 || (contents[0] & 0x80) != 0)
        {
            return false;
        }

        foreach (var b in contents)
        {
            value = (value << 8) | b;
        }

        return true;
    }

    /// <summary>Dotted text of an OBJECT IDENTIFIER (X.690 §8.19), or empty when malformed.</summary>
    public static string ObjectIdentifier(ReadOnlySpan<byte> contents)
    {
        if (contents.IsEmpty || contents.Length > 128)
        {
            return "";
        }

        var text = new StringBuilder();
        ulong value = 0;
        var first = true;
        foreach (var b in contents)
        {
            value = (value << 7) | (uint)(b & 0x7F);
            if (value > uint.MaxValue)
            {
                return "";
            }

            if ((b & 0x80) != 0)
            {
                continue;
            }

            if (first)
            {
                var top = Math.Min(value / 40, 2);
                text.Append(top.ToString(CultureInfo.InvariantCulture)).Append('.').Append((value - (top * 40)).ToString(CultureInfo.InvariantCulture));
                first = false;
            }
            else
            {
                text.Append('.').Append(value.ToString(CultureInfo.InvariantCulture));
            }

            value = 0;
        }

        return (contents[^1] & 0x80) != 0 ? "" : text.ToString();
    }
}
