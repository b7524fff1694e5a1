using Seam.Protocols.Dissection;
using Seam.Protocols.Tls;

namespace Seam.Protocols.RemoteAccess;

/// <summary>
/// Commercial remote-support tools, which vendors bring into plants and which bypass the site's own remote
/// access. Told apart only where public material justifies it:
/// TeamViewer uses TCP/UDP 5938 (TeamViewer's own "ports used by TeamViewer" article); its TCP packets start
/// with 0x17 0x24 or 0x11 0x30 and each side's first packet is 37 bytes starting 17 24 0A 20 (the signatures
/// nDPI's and libprotoident's TeamViewer detectors use); its UDP packets carry 0x17 0x24 at offset 11 (nDPI).
/// AnyDesk wraps its traffic in TLS; 6568 is its default port in third-party firewall guidance and 7070 its
/// direct-connection port (not confirmed in the documentation Seam could consult), so a TLS record there is
/// only a port hint, which becomes "AnyDesk" when the cleartext certificate names "AnyDesk Client" (nDPI's test).
/// </summary>
public sealed class RemoteSupportDissector : IDissector
{
    private const ushort TeamViewerPort = 5938;
    private const ushort AnyDeskDirectPort = 7070;
    private const ushort AnyDeskPort = 6568;
    private const int TeamViewerHandshakeLength = 37;

    private readonly TlsDissector _tls = new();

    public ProtocolId Protocol => ProtocolId.RemoteSupport;

    public DissectorBinding Binding { get; } = new([TeamViewerPort, AnyDeskDirectPort, AnyDeskPort], [TeamViewerPort], []);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.IsEmpty)
        {
            return 0;
        }

        // AnyDesk's TLS records are cut like TLS; TeamViewer's own framing is not public, so segments as they come.
        var tls = stream[0] is >= 20 and <= 24 ? _tls.PduLength(stream) : -1;
        return tls >= 0 ? tls : stream.Length;
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.IsEmpty)
        {
            return;
        }

        if (IsPort(frame, TeamViewerPort))
        {
            DissectTeamViewer(frame, pdu, sink);
        }
        else if (frame.Transport == Transport.Tcp && (IsPort(frame, AnyDeskDirectPort) || IsPort(frame, AnyDeskPort)))
        {
            DissectAnyDesk(frame, pdu, sink);
        }
    }

    private static void DissectTeamViewer(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        var signature = frame.Transport == Transport.Udp
            ? pdu.Length > 13 && pdu[11] == 0x17 && pdu[12] == 0x24
            : pdu.Length > 2 && ((pdu[0] == 0x17 && pdu[1] == 0x24) || (pdu[0] == 0x11 && pdu[1] == 0x30));
        if (!signature)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.RemoteSupport);
        sink.Identity(frame, ProtocolId.RemoteSupport, DeviceRef.Source(frame), IdentityField.Software, "TeamViewer");
        if (frame.Transport == Transport.Tcp && pdu.Length == TeamViewerHandshakeLength && pdu[2] == 0x0A && pdu[3] == 0x20)
        {
            sink.Operation(frame, ProtocolId.RemoteSupport, 0x0A, "TeamViewerHandshake", OperationKind.Session, frame.DestinationPort == TeamViewerPort);
            if (frame.DestinationPort == TeamViewerPort)
            {
                sink.Event(frame, ProtocolId.RemoteSupport, DiscoveryEventKind.RemoteAccessSession,
                    "TeamViewer connection from " + frame.SourceIp + " to " + frame.DestinationIp + ":5938 (TeamViewer handshake seen)");
            }
        }
    }

    private void DissectAnyDesk(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (_tls.PduLength(pdu) != pdu.Length)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.RemoteSupport);
        if (_tls.RecognisesStreamStart(pdu))
        {
            sink.Event(frame, ProtocolId.RemoteSupport, DiscoveryEventKind.RemoteAccessSession,
                "TLS session from " + frame.SourceIp + " to " + frame.DestinationIp + ":" + frame.DestinationPort
                + ", AnyDesk's port: possibly AnyDesk (port hint only, not confirmed)");
        }
        else if (pdu.IndexOf("AnyDesk Client"u8) >= 0)
        {
            sink.Identity(frame, ProtocolId.RemoteSupport, DeviceRef.Source(frame), IdentityField.Software, "AnyDesk");
            sink.Identity(frame, ProtocolId.RemoteSupport, DeviceRef.Destination(frame), IdentityField.Software, "AnyDesk");
        }
    }

    private static bool IsPort(in FrameInfo frame, ushort port) => frame.SourcePort == port || frame.DestinationPort == port;
}
