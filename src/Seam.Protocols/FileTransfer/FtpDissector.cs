using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.FileTransfer;

/// <summary>
/// The FTP control connection (RFC 959): commands from the client, replies from the server, one per line. The
/// login crosses in clear, and STOR/RETR name the files that move over the separate data connection.
/// </summary>
public sealed class FtpDissector : IDissector
{
    private const ushort ControlPort = 21;

    /// <summary>A segment holds a handful of lines at most; more is a misidentified stream.</summary>
    private const int MaxLinesPerSegment = 64;

    public ProtocolId Protocol => ProtocolId.Ftp;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(ControlPort);

    public int PduLength(ReadOnlySpan<byte> stream) => stream.Length;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.IsEmpty)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Ftp);
        var fromServer = frame.SourcePort == ControlPort;
        var rest = pdu;
        for (var i = 0; i < MaxLinesPerSegment && !rest.IsEmpty; i++)
        {
            if (!AsciiText.TryTakeLine(ref rest, out var line))
            {
                line = rest;
                rest = default;
            }

            if (fromServer)
            {
                ReadReply(frame, line, sink);
            }
            else
            {
                ReadCommand(frame, line, sink);
            }
        }
    }

    private static void ReadReply(in FrameInfo frame, ReadOnlySpan<byte> line, IDissectionSink sink)
    {
        // 220 is "service ready"; its text is the server's greeting, usually naming the software.
        if (line.Length > 4 && line.StartsWith("220"u8) && (line[3] == ' ' || line[3] == '-'))
        {
            var banner = AsciiText.Trim(line[4..]);
            if (!banner.IsEmpty)
            {
                sink.Identity(frame, ProtocolId.Ftp, DeviceRef.Source(frame), IdentityField.Software, AsciiText.ToPrintable(banner));
            }
        }
    }

    private static void ReadCommand(in FrameInfo frame, ReadOnlySpan<byte> line, IDissectionSink sink)
    {
        var space = line.IndexOf((byte)' ');
        var verb = space < 0 ? line : line[..space];
        var argument = space < 0 ? default : AsciiText.Trim(line[(space + 1)..]);
        if (verb.Length is < 3 or > 4)
        {
            return;
        }

        if (Is(verb, "USER"u8))
        {
            sink.Operation(frame, ProtocolId.Ftp, 0, "USER", OperationKind.Session, isRequest: true);
            sink.Event(frame, ProtocolId.Ftp, DiscoveryEventKind.ClearTextCredential,
                "FTP login as '" + AsciiText.ToPrintable(argument) + "' from " + frame.SourceIp + " to " + frame.DestinationIp
                + "; FTP sends the password in clear");
        }
        else if (Is(verb, "PASS"u8))
        {
            sink.Operation(frame, ProtocolId.Ftp, 1, "PASS", OperationKind.Session, isRequest: true);
        }
        else if (Is(verb, "STOR"u8) || Is(verb, "STOU"u8) || Is(verb, "APPE"u8))
        {
            sink.Operation(frame, ProtocolId.Ftp, 2, "STOR", OperationKind.Write, isRequest: true);
            sink.Event(frame, ProtocolId.Ftp, DiscoveryEventKind.FileTransfer,
                "FTP upload of '" + AsciiText.ToPrintable(argument) + "' from " + frame.SourceIp + " to " + frame.DestinationIp);
        }
        else if (Is(verb, "RETR"u8))
        {
            sink.Operation(frame, ProtocolId.Ftp, 3, "RETR", OperationKind.Read, isRequest: true);
            sink.Event(frame, ProtocolId.Ftp, DiscoveryEventKind.FileTransfer,
                "FTP download of '" + AsciiText.ToPrintable(argument) + "' from " + frame.DestinationIp + " to " + frame.SourceIp);
        }
    }

    private static bool Is(ReadOnlySpan<byte> verb, ReadOnlySpan<byte> expected) =>
        verb.Length == expected.Length && AsciiText.StartsWithIgnoreCase(verb, expected);
}
