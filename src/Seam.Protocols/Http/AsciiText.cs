using System.Text;

namespace Seam.Protocols.Http;

/// <summary>
/// Small helpers for the line-oriented IT protocols (HTTP, FTP, SSH banners, Telnet): finding lines and turning
/// the few bytes Seam keeps into printable strings. Everything here is bounds-checked and never throws.
/// </summary>
internal static class AsciiText
{
    /// <summary>Longest text Seam keeps from one field: enough for any banner or host name, bounded for hostile input.</summary>
    public const int MaxField = 256;

    /// <summary>The bytes up to (not including) the first CR or LF, or the whole span when there is none.</summary>
    public static ReadOnlySpan<byte> FirstLine(ReadOnlySpan<byte> bytes)
    {
        var end = bytes.IndexOfAny((byte)'\r', (byte)'\n');
        return end < 0 ? bytes : bytes[..end];
    }

    /// <summary>Splits off the first line and returns the rest after its CRLF or LF; false when no line end is present.</summary>
    public static bool TryTakeLine(ref ReadOnlySpan<byte> bytes, out ReadOnlySpan<byte> line)
    {
        var lf = bytes.IndexOf((byte)'\n');
        if (lf < 0)
        {
            line = default;
            return false;
        }

        line = lf > 0 && bytes[lf - 1] == '\r' ? bytes[..(lf - 1)] : bytes[..lf];
        bytes = bytes[(lf + 1)..];
        return true;
    }

    public static bool StartsWithIgnoreCase(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> prefix)
    {
        if (bytes.Length < prefix.Length)
        {
            return false;
        }

        for (var i = 0; i < prefix.Length; i++)
        {
            if (Lower(bytes[i]) != Lower(prefix[i]))
            {
                return false;
            }
        }

        return true;
    }

    public static bool ContainsIgnoreCase(ReadOnlySpan<byte> bytes, ReadOnlySpan<byte> needle)
    {
        for (var i = 0; i + needle.Length <= bytes.Length; i++)
        {
            if (StartsWithIgnoreCase(bytes[i..], needle))
            {
                return true;
            }
        }

        return false;
    }

    public static ReadOnlySpan<byte> Trim(ReadOnlySpan<byte> bytes)
    {
        var start = 0;
        while (start < bytes.Length && (bytes[start] == ' ' || bytes[start] == '\t'))
        {
            start++;
        }

        var end = bytes.Length;
        while (end > start && (bytes[end - 1] == ' ' || bytes[end - 1] == '\t'))
        {
            end--;
        }

        return bytes[start..end];
    }

    /// <summary>Whether every byte is printable ASCII (space to tilde), the test for "this really is a text protocol".</summary>
    public static bool IsPrintable(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 0x20 || b > 0x7E)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// A string for identity values and event details: at most <see cref="MaxField"/> bytes, anything that is not
    /// printable ASCII replaced with '?', so a hostile capture cannot put control characters into the UI or logs.
    /// </summary>
    public static string ToPrintable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxField)
        {
            bytes = bytes[..MaxField];
        }

        return string.Create(bytes.Length, bytes.ToArray(), static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var b = source[i];
                span[i] = b is >= 0x20 and <= 0x7E ? (char)b : '?';
            }
        });
    }

    /// <summary>UTF-16LE text (NTLMSSP, SMB) made printable the same way.</summary>
    public static string Utf16ToPrintable(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > MaxField * 2)
        {
            bytes = bytes[..(MaxField * 2)];
        }

        var text = Encoding.Unicode.GetString(bytes[..(bytes.Length & ~1)]);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = char.IsControl(c) || char.IsSurrogate(c) ? '?' : c;
            }
        });
    }

    /// <summary>A redacted rendering of a secret: its first character and its length, e.g. "p… (8 characters)".</summary>
    public static string Redacted(ReadOnlySpan<byte> secret)
    {
        if (secret.IsEmpty)
        {
            return "(empty)";
        }

        var first = secret[0] is >= 0x21 and <= 0x7E ? (char)secret[0] : '?';
        return first + "… (" + secret.Length.ToString(System.Globalization.CultureInfo.InvariantCulture) + " characters)";
    }

    private static byte Lower(byte b) => b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
}
