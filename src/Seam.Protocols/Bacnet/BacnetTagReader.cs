using System.Text;

namespace Seam.Protocols.Bacnet;

/// <summary>One BACnet-encoded tag (ASHRAE 135 §20.2.1): number, class, and either a value or an opening/closing mark.</summary>
internal readonly ref struct BacnetTag(byte number, bool isContext, int length, bool isOpening, bool isClosing, ReadOnlySpan<byte> content)
{
    public const byte CharacterString = 7;
    public const byte UnsignedInteger = 2;
    public const byte ObjectIdentifier = 12;

    public byte Number { get; } = number;

    public bool IsContext { get; } = isContext;

    public int Length { get; } = length;

    public bool IsOpening { get; } = isOpening;

    public bool IsClosing { get; } = isClosing;

    public ReadOnlySpan<byte> Content { get; } = content;

    public bool IsApplication(byte number) => !IsContext && Number == number;

    public bool IsContextValue(byte number) => IsContext && !IsOpening && !IsClosing && Number == number;

    /// <summary>An unsigned value of up to four bytes, as tags carry object identifiers, properties and ids.</summary>
    public uint Unsigned()
    {
        uint value = 0;
        foreach (var b in Content.Length <= 4 ? Content : Content[^4..])
        {
            value = (value << 8) | b;
        }

        return value;
    }

    /// <summary>A CharacterString's text for the character sets that name devices in practice; null for others.</summary>
    public string? Text()
    {
        if (Content.IsEmpty)
        {
            return null;
        }

        var text = Content[1..];
        var value = Content[0] switch
        {
            0 => Encoding.UTF8.GetString(text),
            4 => Encoding.BigEndianUnicode.GetString(text),
            5 => Encoding.Latin1.GetString(text),
            _ => null,
        };
        return value?.TrimEnd('\0', ' ');
    }
}

/// <summary>Walks BACnet tags in a bounded span; stops (and says so) at the first tag that does not fit.</summary>
internal ref struct BacnetTagReader(ReadOnlySpan<byte> bytes)
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private int _position;

    public bool Failed { get; private set; }

    public readonly bool AtEnd => _position >= _bytes.Length;

    public bool TryRead(out BacnetTag tag)
    {
        tag = default;
        if (Failed || AtEnd)
        {
            return false;
        }

        var start = _position;
        var header = _bytes[_position++];
        var number = (byte)(header >> 4);
        var isContext = (header & 0x08) != 0;
        var lengthCode = header & 0x07;
        if (number == 15)
        {
            if (!TryTake(1, out var extendedNumber))
            {
                return Fail(start);
            }

            number = extendedNumber[0];
        }

        if (isContext && lengthCode is 6 or 7)
        {
            tag = new BacnetTag(number, true, 0, lengthCode == 6, lengthCode == 7, []);
            return true;
        }

        // An application Boolean keeps its value in the length bits and has no content.
        if (!isContext && number == 1)
        {
            tag = new BacnetTag(number, false, 0, false, false, []);
            return true;
        }

        if (!TryLength(lengthCode, out var length) || !TryTake(length, out var content))
        {
            return Fail(start);
        }

        tag = new BacnetTag(number, isContext, length, false, false, content);
        return true;
    }

    /// <summary>Skips everything up to and including the closing tag that matches an opening one just read.</summary>
    public bool SkipConstructed()
    {
        var depth = 1;
        while (depth > 0 && TryRead(out var tag))
        {
            depth += tag.IsOpening ? 1 : tag.IsClosing ? -1 : 0;
        }

        return depth == 0;
    }

    private bool TryLength(int lengthCode, out int length)
    {
        length = lengthCode;
        if (lengthCode < 5)
        {
            return true;
        }

        if (!TryTake(1, out var first))
        {
            return false;
        }

        length = first[0];
        if (length == 254 && TryTake(2, out var two))
        {
            length = (two[0] << 8) | two[1];
        }
        else if (length == 255 && TryTake(4, out var four))
        {
            var value = ((uint)four[0] << 24) | ((uint)four[1] << 16) | ((uint)four[2] << 8) | four[3];
            length = value > int.MaxValue ? -1 : (int)value;
        }

        return length >= 0 && !Failed;
    }

    private bool TryTake(int count, out ReadOnlySpan<byte> taken)
    {
        if (count < 0 || count > _bytes.Length - _position)
        {
            taken = [];
            Failed = true;
            return false;
        }

        taken = _bytes.Slice(_position, count);
        _position += count;
        return true;
    }

    private bool Fail(int start)
    {
        _position = start;
        Failed = true;
        return false;
    }
}
