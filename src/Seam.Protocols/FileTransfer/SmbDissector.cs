using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.FileTransfer;

/// <summary>
/// SMB1 ([MS-CIFS]) and SMB2/3 ([MS-SMB2]) behind the 4-byte NetBIOS session header (RFC 1002 §4.3; direct TCP
/// 445 uses the same header with a 24-bit length). Engineering workstations move projects and firmware this
/// way, so Seam reads the names in session set-up (NTLMSSP), the share a tree connect names, and creates that
/// open a file for writing. NetBIOS datagrams on UDP 138 carry SMB too: see <see cref="BrowserAnnouncement"/>.
/// </summary>
public sealed class SmbDissector : IDissector
{
    private const int NetBiosHeaderLength = 4;
    private const byte SessionMessage = 0x00;
    private const byte SessionRequest = 0x81;

    public ProtocolId Protocol => ProtocolId.Smb;

    internal static ReadOnlySpan<byte> Smb1Signature => [0xFF, (byte)'S', (byte)'M', (byte)'B'];

    internal static ReadOnlySpan<byte> Smb2Signature => [0xFE, (byte)'S', (byte)'M', (byte)'B'];

    /// <summary>SMB3 transform header: the message inside is encrypted.</summary>
    private static ReadOnlySpan<byte> TransformSignature => [0xFD, (byte)'S', (byte)'M', (byte)'B'];

    /// <summary>Direct TCP, NetBIOS sessions, and NetBIOS datagrams (browser announcements).</summary>
    public DissectorBinding Binding { get; } = new([445, 139], [138], []);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length < NetBiosHeaderLength)
        {
            return stream.IsEmpty || stream[0] is SessionMessage or (>= 0x81 and <= 0x85) ? 0 : -1;
        }

        return stream[0] switch
        {
            SessionMessage => NetBiosHeaderLength + ((stream[1] << 16) | (stream[2] << 8) | stream[3]),
            >= 0x81 and <= 0x85 => NetBiosHeaderLength + (((stream[1] & 1) << 16) | (stream[2] << 8) | stream[3]),
            _ => -1,
        };
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (frame.Transport == Transport.Udp)
        {
            BrowserAnnouncement.Dissect(frame, pdu, sink);
            return;
        }

        if (pdu.Length < NetBiosHeaderLength)
        {
            return;
        }

        var payload = pdu[NetBiosHeaderLength..];
        if (pdu[0] == SessionRequest)
        {
            ReportSessionRequest(frame, payload, sink);
            return;
        }

        if (pdu[0] != SessionMessage || payload.Length < 4)
        {
            return;
        }

        if (payload.StartsWith(Smb1Signature))
        {
            sink.Pdu(frame, ProtocolId.Smb);
            Smb1.Dissect(frame, payload, sink);
        }
        else if (payload.StartsWith(SmbDissector.Smb2Signature))
        {
            sink.Pdu(frame, ProtocolId.Smb);
            Smb2.Dissect(frame, payload, sink);
        }
        else if (payload.StartsWith(TransformSignature))
        {
            sink.Pdu(frame, ProtocolId.Smb);
        }
    }

    /// <summary>The NetBIOS session request names the server called and the client calling (RFC 1002 §4.3.2).</summary>
    private static void ReportSessionRequest(in FrameInfo frame, ReadOnlySpan<byte> payload, IDissectionSink sink)
    {
        if (payload.Length < 2 * NetBiosName.EncodedLength)
        {
            return;
        }

        var called = NetBiosName.Decode(payload);
        var calling = NetBiosName.Decode(payload[NetBiosName.EncodedLength..]);
        // "*SMBSERVER" is the wildcard clients use when they do not know the server's name.
        if (called.Length > 0 && called[0] != '*')
        {
            sink.Identity(frame, ProtocolId.Smb, DeviceRef.Destination(frame), IdentityField.HostName, called);
        }

        if (calling.Length > 0)
        {
            sink.Identity(frame, ProtocolId.Smb, DeviceRef.Source(frame), IdentityField.HostName, calling);
        }
    }

    /// <summary>The server in "\\SERVER\share" (UTF-16 or ASCII), which is its NetBIOS or DNS name.</summary>
    internal static void ReportTreePath(in FrameInfo frame, string path, IDissectionSink sink)
    {
        if (!path.StartsWith(@"\\", StringComparison.Ordinal))
        {
            return;
        }

        var end = path.IndexOf('\\', 2);
        var server = end < 0 ? path[2..] : path[2..end];
        // A literal address names no host.
        if (server.Length > 0 && !System.Net.IPAddress.TryParse(server, out _))
        {
            sink.Identity(frame, ProtocolId.Smb, DeviceRef.Destination(frame), IdentityField.HostName, server);
        }
    }

    /// <summary>
    /// A create that asks for write access and creates or overwrites the file: the start of a file copied onto
    /// the server. Opens of existing files (pipes, reads) use FILE_OPEN and are not reported.
    /// </summary>
    internal static bool CreatesForWriting(uint desiredAccess, uint createDisposition)
    {
        const uint fileWriteData = 0x2, fileAppendData = 0x4, genericAll = 0x1000_0000, genericWrite = 0x4000_0000;
        const uint fileOpen = 1;
        var writes = (desiredAccess & (fileWriteData | fileAppendData | genericAll | genericWrite)) != 0;
        return writes && createDisposition != fileOpen && createDisposition <= 5;
    }

    internal static void ReportFileWrite(in FrameInfo frame, string name, string dialect, IDissectionSink sink) =>
        sink.Event(frame, ProtocolId.Smb, DiscoveryEventKind.FileTransfer,
            "File '" + name + "' created or overwritten on " + frame.DestinationIp + " by " + frame.SourceIp + " over " + dialect);
}

/// <summary>SMB1 ([MS-CIFS] §2.2.3.1): a 32-byte header, word count and words, byte count and bytes.</summary>
internal static class Smb1
{
    private const int HeaderLength = 32;
    private const byte FlagReply = 0x80;
    private const ushort Flags2Unicode = 0x8000;

    private const byte Negotiate = 0x72;
    private const byte SessionSetupAndX = 0x73;
    private const byte TreeConnectAndX = 0x75;
    private const byte NtCreateAndX = 0xA2;

    public static void Dissect(in FrameInfo frame, ReadOnlySpan<byte> message, IDissectionSink sink)
    {
        if (message.Length < HeaderLength + 1)
        {
            return;
        }

        var command = message[4];
        var isReply = (message[9] & FlagReply) != 0;
        var unicode = (BinaryPrimitives.ReadUInt16LittleEndian(message[10..]) & Flags2Unicode) != 0;
        var (name, kind) = Describe(command);
        var status = BinaryPrimitives.ReadUInt32LittleEndian(message[5..]);
        // STATUS_MORE_PROCESSING_REQUIRED is the normal middle step of an NTLM session set-up, not an error.
        var failed = isReply && status != 0 && status != 0xC000_0016;
        sink.Operation(frame, ProtocolId.Smb, command, name, failed ? OperationKind.Error : kind, !isReply);

        var wordCount = message[HeaderLength];
        var words = message[(HeaderLength + 1)..];
        if (words.Length < (2 * wordCount) + 2)
        {
            return;
        }

        var bytes = words[((2 * wordCount) + 2)..];
        words = words[..(2 * wordCount)];
        switch (command)
        {
            case SessionSetupAndX:
                Ntlmssp.Report(frame, bytes, "SMB1", sink);
                ReportNativeOs(frame, words, bytes, isReply, unicode, sink);
                break;
            case TreeConnectAndX when !isReply && wordCount == 4:
                var passwordLength = BinaryPrimitives.ReadUInt16LittleEndian(words[6..]);
                if (passwordLength <= bytes.Length)
                {
                    SmbDissector.ReportTreePath(frame, ReadString(bytes[passwordLength..], unicode), sink);
                }

                break;
            case NtCreateAndX when !isReply && wordCount == 24:
                var desiredAccess = BinaryPrimitives.ReadUInt32LittleEndian(words[15..]);
                var disposition = BinaryPrimitives.ReadUInt32LittleEndian(words[35..]);
                if (SmbDissector.CreatesForWriting(desiredAccess, disposition))
                {
                    SmbDissector.ReportFileWrite(frame, ReadString(bytes, unicode), "SMB1", sink);
                }

                break;
        }
    }

    /// <summary>
    /// With extended security ([MS-CIFS] §2.2.4.53 as extended by [MS-SMB] §2.2.4.6), the security blob is followed
    /// by NativeOS, which names the sender's Windows edition and build.
    /// </summary>
    private static void ReportNativeOs(in FrameInfo frame, ReadOnlySpan<byte> words, ReadOnlySpan<byte> bytes, bool isReply, bool unicode, IDissectionSink sink)
    {
        var blobLengthAt = isReply ? 6 : 14;
        if (words.Length != (isReply ? 8 : 24))
        {
            return;
        }

        var blobLength = BinaryPrimitives.ReadUInt16LittleEndian(words[blobLengthAt..]);
        if (blobLength > bytes.Length)
        {
            return;
        }

        var nativeOs = ReadString(bytes[blobLength..], unicode);
        if (nativeOs.Length > 0)
        {
            sink.Identity(frame, ProtocolId.Smb, DeviceRef.Source(frame), IdentityField.OperatingSystem, nativeOs);
        }
    }

    /// <summary>
    /// A NUL-terminated string. Unicode strings are 2-byte aligned from the header, which may leave a zero pad
    /// byte before them; names are (mostly) ASCII, whose UTF-16LE starts with a non-zero byte, so "00 xx" is a pad.
    /// </summary>
    private static string ReadString(ReadOnlySpan<byte> bytes, bool unicode)
    {
        if (!unicode)
        {
            var nul = bytes.IndexOf((byte)0);
            return AsciiText.ToPrintable(nul < 0 ? bytes : bytes[..nul]);
        }

        if (bytes.Length >= 2 && bytes[0] == 0 && bytes[1] != 0)
        {
            bytes = bytes[1..];
        }

        for (var i = 0; i + 1 < bytes.Length; i += 2)
        {
            if (bytes[i] == 0 && bytes[i + 1] == 0)
            {
                return AsciiText.Utf16ToPrintable(bytes[..i]);
            }
        }

        return AsciiText.Utf16ToPrintable(bytes);
    }

    private static (string Name, OperationKind Kind) Describe(byte command) => command switch
    {
        Negotiate => ("Negotiate", OperationKind.Session),
        SessionSetupAndX => ("SessionSetupAndX", OperationKind.Session),
        0x74 => ("LogoffAndX", OperationKind.Session),
        TreeConnectAndX => ("TreeConnectAndX", OperationKind.Session),
        0x71 => ("TreeDisconnect", OperationKind.Session),
        NtCreateAndX => ("NtCreateAndX", OperationKind.Other),
        0x04 => ("Close", OperationKind.Other),
        0x0A or 0x2E => ("Read", OperationKind.Read),
        0x0B or 0x2F => ("Write", OperationKind.Write),
        0x25 => ("Transaction", OperationKind.Other),
        0x32 => ("Transaction2", OperationKind.Other),
        0xA0 => ("NtTransact", OperationKind.Other),
        0x2B => ("Echo", OperationKind.Diagnostic),
        _ => ("Other", OperationKind.Other),
    };
}

/// <summary>SMB2/3 ([MS-SMB2] §2.2.1): a 64-byte header, possibly several commands chained by NextCommand.</summary>
internal static class Smb2
{
    private const int HeaderLength = 64;
    private const uint FlagResponse = 0x1;
    private const int MaxChained = 32;

    private const ushort SessionSetup = 1;
    private const ushort TreeConnect = 3;
    private const ushort Create = 5;

    private static readonly string[] Names =
    [
        "Negotiate", "SessionSetup", "Logoff", "TreeConnect", "TreeDisconnect", "Create", "Close", "Flush", "Read",
        "Write", "Lock", "Ioctl", "Cancel", "Echo", "QueryDirectory", "ChangeNotify", "QueryInfo", "SetInfo", "OplockBreak",
    ];

    private static readonly OperationKind[] Kinds =
    [
        OperationKind.Session, OperationKind.Session, OperationKind.Session, OperationKind.Session, OperationKind.Session,
        OperationKind.Other, OperationKind.Other, OperationKind.Write, OperationKind.Read, OperationKind.Write,
        OperationKind.Other, OperationKind.Other, OperationKind.Other, OperationKind.Diagnostic, OperationKind.Read,
        OperationKind.Other, OperationKind.Read, OperationKind.Write, OperationKind.Other,
    ];

    public static void Dissect(in FrameInfo frame, ReadOnlySpan<byte> payload, IDissectionSink sink)
    {
        for (var chained = 0; chained < MaxChained && payload.Length >= HeaderLength; chained++)
        {
            var next = BinaryPrimitives.ReadUInt32LittleEndian(payload[20..]);
            var message = next >= HeaderLength && next <= payload.Length ? payload[..(int)next] : payload;
            DissectOne(frame, message, sink);
            if (next < HeaderLength || next >= payload.Length)
            {
                return;
            }

            payload = payload[(int)next..];
            if (!payload.StartsWith(SmbDissector.Smb2Signature))
            {
                return;
            }
        }
    }

    private static void DissectOne(in FrameInfo frame, ReadOnlySpan<byte> message, IDissectionSink sink)
    {
        var command = BinaryPrimitives.ReadUInt16LittleEndian(message[12..]);
        var isResponse = (BinaryPrimitives.ReadUInt32LittleEndian(message[16..]) & FlagResponse) != 0;
        var status = BinaryPrimitives.ReadUInt32LittleEndian(message[8..]);
        var failed = isResponse && status != 0 && status != 0xC000_0016 && status != 0x0000_0103;
        var name = command < Names.Length ? Names[command] : "Other";
        var kind = command < Kinds.Length ? Kinds[command] : OperationKind.Other;
        sink.Operation(frame, ProtocolId.Smb, command, name, failed ? OperationKind.Error : kind, !isResponse);

        var body = message[HeaderLength..];
        switch (command)
        {
            case SessionSetup:
                Ntlmssp.Report(frame, body, "SMB2", sink);
                break;
            case TreeConnect when !isResponse && body.Length >= 8:
                var path = Slice(message, BinaryPrimitives.ReadUInt16LittleEndian(body[4..]), BinaryPrimitives.ReadUInt16LittleEndian(body[6..]));
                SmbDissector.ReportTreePath(frame, AsciiText.Utf16ToPrintable(path), sink);
                break;
            case Create when !isResponse && body.Length >= 48:
                var desiredAccess = BinaryPrimitives.ReadUInt32LittleEndian(body[24..]);
                var disposition = BinaryPrimitives.ReadUInt32LittleEndian(body[36..]);
                if (SmbDissector.CreatesForWriting(desiredAccess, disposition))
                {
                    var fileName = Slice(message, BinaryPrimitives.ReadUInt16LittleEndian(body[44..]), BinaryPrimitives.ReadUInt16LittleEndian(body[46..]));
                    SmbDissector.ReportFileWrite(frame, AsciiText.Utf16ToPrintable(fileName), "SMB2", sink);
                }

                break;
        }
    }

    /// <summary>Offsets in SMB2 bodies count from the start of the SMB2 header.</summary>
    private static ReadOnlySpan<byte> Slice(ReadOnlySpan<byte> message, int offset, int length) =>
        offset >= HeaderLength && offset + length <= message.Length ? message.Slice(offset, length) : default;
}
