using Seam.Protocols.Http;

namespace Seam.Protocols.FileTransfer;

/// <summary>
/// NetBIOS names in their first-level encoding (RFC 1001 §14.1): 16 bytes, each split into two nibbles written as
/// 'A'+nibble, so 32 letters behind a length byte of 32. The 16th byte is a suffix saying what the name is for.
/// </summary>
internal static class NetBiosName
{
    public const int EncodedLength = 34;

    /// <summary>The name without its suffix and padding, or empty when the bytes are not an encoded name.</summary>
    public static string Decode(ReadOnlySpan<byte> encoded)
    {
        if (encoded.Length < EncodedLength - 1 || encoded[0] != 32)
        {
            return "";
        }

        Span<byte> name = stackalloc byte[15];
        for (var i = 0; i < 15; i++)
        {
            var high = encoded[1 + (2 * i)] - 'A';
            var low = encoded[2 + (2 * i)] - 'A';
            if (high is < 0 or > 15 || low is < 0 or > 15)
            {
                return "";
            }

            name[i] = (byte)((high << 4) | low);
        }

        return AsciiText.ToPrintable(AsciiText.Trim(name.TrimEnd((byte)0)));
    }
}
