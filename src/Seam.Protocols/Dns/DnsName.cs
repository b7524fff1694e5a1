using System.Text;

namespace Seam.Protocols.Dns;

/// <summary>
/// Domain names in DNS messages (RFC 1035 §4.1.4): labels, possibly ending in a pointer back into the message.
/// Pointers are followed a bounded number of times, so a loop of pointers ends instead of hanging.
/// </summary>
internal static class DnsName
{
    private const int MaxJumps = 32;
    private const int MaxLength = 255;

    /// <summary>Where the name at <paramref name="offset"/> ends in the message, or -1 when it runs off the end.</summary>
    public static int Skip(ReadOnlySpan<byte> message, int offset)
    {
        while (offset < message.Length)
        {
            var length = message[offset];
            if (length == 0)
            {
                return offset + 1;
            }

            if ((length & 0xC0) == 0xC0)
            {
                return offset + 2 <= message.Length ? offset + 2 : -1;
            }

            if ((length & 0xC0) != 0)
            {
                return -1;
            }

            offset += 1 + length;
        }

        return -1;
    }

    /// <summary>The dotted name at <paramref name="offset"/>, or null when it is malformed.</summary>
    public static string? Read(ReadOnlySpan<byte> message, int offset)
    {
        var text = new StringBuilder();
        var jumps = 0;
        while (offset >= 0 && offset < message.Length)
        {
            var length = message[offset];
            if (length == 0)
            {
                return text.ToString();
            }

            if ((length & 0xC0) == 0xC0)
            {
                if (offset + 1 >= message.Length || ++jumps > MaxJumps)
                {
                    return null;
                }

                offset = ((length & 0x3F) << 8) | message[offset + 1];
                continue;
            }

            if ((length & 0xC0) != 0 || offset + 1 + length > message.Length || text.Length + length + 1 > MaxLength)
            {
                return null;
            }

            if (text.Length > 0)
            {
                text.Append('.');
            }

            foreach (var b in message.Slice(offset + 1, length))
            {
                text.Append(b is >= 0x21 and <= 0x7E && b != '.' ? (char)b : '?');
            }

            offset += 1 + length;
        }

        return null;
    }
}
