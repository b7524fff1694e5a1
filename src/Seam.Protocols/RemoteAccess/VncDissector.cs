using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.RemoteAccess;

/// <summary>
/// VNC's Remote Framebuffer protocol (RFC 6143). Both ends open with a 12-byte ProtocolVersion message
/// "RFB 003.008\n"; the server's marks a session. The rest (security handshake, framebuffer updates) has no
/// framing a passive reader can follow without state, so segments are counted as they come.
/// </summary>
public sealed class VncDissector : IDissector
{
    private const int VersionLength = 12;
    private const ushort FirstPort = 5900;
    private const ushort LastPort = 5906;

    public ProtocolId Protocol => ProtocolId.Vnc;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(5900, 5901, 5902, 5903, 5904, 5905, 5906);

    public bool RecognisesStreamStart(ReadOnlySpan<byte> firstPayload) => IsVersionMessage(firstPayload);

    public int PduLength(ReadOnlySpan<byte> stream) => stream.Length;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.IsEmpty)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Vnc);
        if (!IsVersionMessage(pdu))
        {
            return;
        }

        var version = AsciiText.ToPrintable(pdu[..(VersionLength - 1)]);
        var fromServer = IsVncPort(frame.SourcePort) || !IsVncPort(frame.DestinationPort);
        sink.Operation(frame, ProtocolId.Vnc, 0, "ProtocolVersion", OperationKind.Session, isRequest: !fromServer);
        if (fromServer)
        {
            sink.Identity(frame, ProtocolId.Vnc, DeviceRef.Source(frame), IdentityField.Software, "VNC server (" + version + ")");
            sink.Event(frame, ProtocolId.Vnc, DiscoveryEventKind.RemoteAccessSession,
                "VNC session between " + frame.DestinationIp + " and the VNC server " + frame.SourceIp + ":" + frame.SourcePort + " (" + version + ")");
        }
    }

    /// <summary>"RFB xxx.yyy\n" with three-digit major and minor versions.</summary>
    internal static bool IsVersionMessage(ReadOnlySpan<byte> bytes) =>
        bytes.Length >= VersionLength
        && bytes.StartsWith("RFB "u8)
        && bytes[7] == '.'
        && bytes[11] == '\n'
        && IsDigits(bytes[4..7])
        && IsDigits(bytes[8..11]);

    private static bool IsDigits(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is < (byte)'0' or > (byte)'9')
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsVncPort(ushort port) => port is >= FirstPort and <= LastPort;
}
