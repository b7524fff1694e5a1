using System.Buffers.Binary;
using System.Globalization;
using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.FileTransfer;

/// <summary>
/// SMB over the NetBIOS datagram service (UDP 138, RFC 1002 §4.4) carries the Windows browser protocol
/// ([MS-BRWS]): every Windows host broadcasts its name, workgroup and OS version every few minutes, which makes
/// these announcements one of the cheapest ways to name the Windows machines on a plant network.
/// </summary>
internal static class BrowserAnnouncement
{
    private const byte DirectUnique = 0x10;
    private const byte Broadcast = 0x12;
    private const int DatagramHeaderLength = 14;
    private const int SmbHeaderLength = 32;
    private const byte Transaction = 0x25;

    private const byte HostAnnouncement = 0x01;
    private const byte DomainAnnouncement = 0x0C;
    private const byte LocalMasterAnnouncement = 0x0F;

    public static void Dissect(in FrameInfo frame, ReadOnlySpan<byte> datagram, IDissectionSink sink)
    {
        if (datagram.Length < DatagramHeaderLength || datagram[0] is < DirectUnique or > Broadcast)
        {
            return;
        }

        var rest = datagram[DatagramHeaderLength..];
        var sourceName = NetBiosName.Decode(rest);
        if (!SkipName(ref rest) || !SkipName(ref rest) || !rest.StartsWith(SmbDissector.Smb1Signature))
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Smb);
        Smb1.Dissect(frame, rest, sink);
        if (sourceName.Length > 0)
        {
            sink.Identity(frame, ProtocolId.Smb, DeviceRef.Source(frame), IdentityField.HostName, sourceName);
        }

        if (rest.Length > SmbHeaderLength + 1 + 26 && rest[4] == Transaction && rest[SmbHeaderLength] == 17)
        {
            // Trans request words ([MS-CIFS] §2.2.4.33.1): DataCount at byte 22, DataOffset (from the SMB header) at 24.
            var words = rest[(SmbHeaderLength + 1)..];
            var dataCount = BinaryPrimitives.ReadUInt16LittleEndian(words[22..]);
            var dataOffset = BinaryPrimitives.ReadUInt16LittleEndian(words[24..]);
            if (dataOffset + dataCount <= rest.Length)
            {
                ReadAnnouncement(frame, rest.Slice(dataOffset, dataCount), sink);
            }
        }
    }

    /// <summary>
    /// [MS-BRWS] §2.2.1–2.2.6: opcode, update count, periodicity, a 16-byte name, OS major and minor version,
    /// server type, browser version, signature, comment. In a domain announcement the name is the workgroup.
    /// </summary>
    private static void ReadAnnouncement(in FrameInfo frame, ReadOnlySpan<byte> data, IDissectionSink sink)
    {
        if (data.Length < 1 + 1 + 4 + 16 + 2)
        {
            return;
        }

        var name = data.Slice(6, 16);
        var nul = name.IndexOf((byte)0);
        var text = AsciiText.ToPrintable(AsciiText.Trim(nul < 0 ? name : name[..nul]));
        if (text.Length == 0)
        {
            return;
        }

        var host = DeviceRef.Source(frame);
        switch (data[0])
        {
            case HostAnnouncement or LocalMasterAnnouncement:
                sink.Identity(frame, ProtocolId.Smb, host, IdentityField.HostName, text);
                sink.Identity(frame, ProtocolId.Smb, host, IdentityField.OperatingSystem,
                    string.Create(CultureInfo.InvariantCulture, $"Windows NT {data[22]}.{data[23]} (browser announcement)"));
                break;
            case DomainAnnouncement:
                sink.Identity(frame, ProtocolId.Smb, host, IdentityField.DomainName, text);
                break;
        }
    }

    /// <summary>An encoded name (length 32, 32 letters) followed by scope labels up to a zero byte.</summary>
    private static bool SkipName(ref ReadOnlySpan<byte> rest)
    {
        var offset = 0;
        for (var labels = 0; labels < 64 && offset < rest.Length; labels++)
        {
            var length = rest[offset];
            if (length == 0)
            {
                rest = rest[(offset + 1)..];
                return true;
            }

            if (length > 63)
            {
                return false;
            }

            offset += 1 + length;
        }

        return false;
    }
}
