namespace Seam.Protocols.Modbus;

/// <summary>
/// Turns a fixed-width or counted text field from an industrial identity reply into a string a person can read:
/// devices pad with NULs or spaces and sometimes put garbage in unused bytes. Shared by the industrial dissectors.
/// </summary>
internal static class IdentityText
{
    /// <summary>The printable ASCII prefix up to the first NUL, trimmed; empty when nothing printable is left.</summary>
    public static string Decode(ReadOnlySpan<byte> field)
    {
        var end = field.IndexOf((byte)0);
        if (end >= 0)
        {
            field = field[..end];
        }

        Span<char> chars = stackalloc char[Math.Min(field.Length, 256)];
        var count = 0;
        foreach (var b in field[..chars.Length])
        {
            chars[count++] = b is >= 0x20 and < 0x7F ? (char)b : '?';
        }

        return new string(chars[..count].Trim(' '));
    }

    /// <summary>A 32-bit value the way tshark prints hexadecimal serial numbers, e.g. <c>0x00524d8e</c>.</summary>
    public static string Hex32(uint value) => string.Create(10, value, static (span, v) =>
    {
        span[0] = '0';
        span[1] = 'x';
        v.TryFormat(span[2..], out _, "x8", System.Globalization.CultureInfo.InvariantCulture);
    });
}
