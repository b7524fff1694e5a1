using System.Buffers.Binary;
using System.Globalization;
using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.FileTransfer;

/// <summary>
/// NTLMSSP messages ([MS-NLMP] §2.2.1) inside SMB session set-ups. The server's CHALLENGE names its NetBIOS and
/// DNS computer and domain names and its Windows build; the client's AUTHENTICATE names its workstation, its
/// domain and the user. Found by their "NTLMSSP\0" signature rather than by decoding SPNEGO's ASN.1 around them.
/// </summary>
internal static class Ntlmssp
{
    private const uint MessageChallenge = 2;
    private const uint MessageAuthenticate = 3;
    private const uint FlagUnicode = 0x0000_0001;
    private const uint FlagVersion = 0x0200_0000;

    private const ushort AvEndOfList = 0;
    private const ushort AvNbComputerName = 1;
    private const ushort AvNbDomainName = 2;
    private const ushort AvDnsComputerName = 3;
    private const ushort AvDnsDomainName = 4;

    /// <summary>Longest NTLMv1 response; anything longer is NTLMv2 ([MS-NLMP] §2.2.2.6–7).</summary>
    private const int NtlmV1ResponseLength = 24;

    public static void Report(in FrameInfo frame, ReadOnlySpan<byte> bytes, string carrier, IDissectionSink sink)
    {
        var start = bytes.IndexOf("NTLMSSP\0"u8);
        if (start < 0 || bytes.Length - start < 12)
        {
            return;
        }

        var message = bytes[start..];
        switch (BinaryPrimitives.ReadUInt32LittleEndian(message[8..]))
        {
            case MessageChallenge when message.Length >= 48:
                ReportChallenge(frame, message, sink);
                break;
            case MessageAuthenticate when message.Length >= 64:
                ReportAuthenticate(frame, message, carrier, sink);
                break;
        }
    }

    private static void ReportChallenge(in FrameInfo frame, ReadOnlySpan<byte> message, IDissectionSink sink)
    {
        var server = DeviceRef.Source(frame);
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(message[20..]);
        var targetInfo = Field(message, 40);
        while (targetInfo.Length >= 4)
        {
            var id = BinaryPrimitives.ReadUInt16LittleEndian(targetInfo);
            var length = BinaryPrimitives.ReadUInt16LittleEndian(targetInfo[2..]);
            if (id == AvEndOfList || 4 + length > targetInfo.Length)
            {
                break;
            }

            var value = targetInfo.Slice(4, length);
            var field = id switch
            {
                AvNbComputerName or AvDnsComputerName => IdentityField.HostName,
                AvNbDomainName or AvDnsDomainName => IdentityField.DomainName,
                _ => (IdentityField?)null,
            };
            if (field is { } known && !value.IsEmpty)
            {
                sink.Identity(frame, ProtocolId.Smb, server, known, AsciiText.Utf16ToPrintable(value));
            }

            targetInfo = targetInfo[(4 + length)..];
        }

        if ((flags & FlagVersion) != 0 && message.Length >= 56)
        {
            sink.Identity(frame, ProtocolId.Smb, server, IdentityField.OperatingSystem, WindowsVersion(message.Slice(48, 8)));
        }
    }

    private static void ReportAuthenticate(in FrameInfo frame, ReadOnlySpan<byte> message, string carrier, IDissectionSink sink)
    {
        var flags = BinaryPrimitives.ReadUInt32LittleEndian(message[60..]);
        var unicode = (flags & FlagUnicode) != 0;
        var domain = Text(Field(message, 28), unicode);
        var user = Text(Field(message, 36), unicode);
        var workstation = Text(Field(message, 44), unicode);
        var client = DeviceRef.Source(frame);
        if (workstation.Length > 0)
        {
            sink.Identity(frame, ProtocolId.Smb, client, IdentityField.HostName, workstation);
        }

        if (domain.Length > 0)
        {
            sink.Identity(frame, ProtocolId.Smb, client, IdentityField.DomainName, domain);
        }

        // An anonymous (null session) logon names nobody; only a named user is worth a person's attention.
        if (user.Length == 0)
        {
            return;
        }

        var ntResponseLength = BinaryPrimitives.ReadUInt16LittleEndian(message[20..]);
        var strength = ntResponseLength == NtlmV1ResponseLength
            ? "NTLMv1: the response can be cracked offline"
            : "NTLMv2: the response can be attacked offline";
        sink.Event(frame, ProtocolId.Smb, DiscoveryEventKind.ClearTextCredential,
            "NTLM logon of user '" + (domain.Length > 0 ? domain + "\\" : "") + user + "' from " + frame.SourceIp + " to "
            + frame.DestinationIp + " over " + carrier + "; the user name crosses in clear, the password does not (" + strength + ")");
    }

    /// <summary>A (length, max length, offset) field descriptor at <paramref name="at"/>, resolved to its bytes.</summary>
    private static ReadOnlySpan<byte> Field(ReadOnlySpan<byte> message, int at)
    {
        if (at + 8 > message.Length)
        {
            return default;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(message[at..]);
        var offset = BinaryPrimitives.ReadUInt32LittleEndian(message[(at + 4)..]);
        return offset > (uint)message.Length || length > message.Length - (int)offset ? default : message.Slice((int)offset, length);
    }

    private static string Text(ReadOnlySpan<byte> value, bool unicode) =>
        value.IsEmpty ? "" : unicode ? AsciiText.Utf16ToPrintable(value) : AsciiText.ToPrintable(value);

    /// <summary>[MS-NLMP] §2.2.2.10 VERSION: major, minor, build (little-endian), three reserved, revision.</summary>
    private static string WindowsVersion(ReadOnlySpan<byte> version) =>
        string.Create(CultureInfo.InvariantCulture,
            $"Windows {version[0]}.{version[1]} build {BinaryPrimitives.ReadUInt16LittleEndian(version[2..])}");
}
