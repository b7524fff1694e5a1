using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.RemoteAccess;

/// <summary>
/// SSH (RFC 4253). Only the identification line is cleartext and worth reading: "SSH-2.0-OpenSSH_9.6" names the
/// software of each end, and the client's line marks a new session. Binary packets after it are counted.
/// </summary>
public sealed class SshDissector : IDissector
{
    /// <summary>RFC 4253 §4.2: the identification line is at most 255 characters including CR LF.</summary>
    private const int MaxIdentificationLine = 255;

    private const ushort SshPort = 22;

    public ProtocolId Protocol => ProtocolId.Ssh;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(SshPort);

    public bool RecognisesStreamStart(ReadOnlySpan<byte> firstPayload) =>
        firstPayload.StartsWith("SSH-2.0-"u8) || firstPayload.StartsWith("SSH-1.99-"u8);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (!stream.StartsWith("SSH-"u8))
        {
            // Packet lengths are encrypted with some ciphers (chacha20-poly1305), so segments are taken as they come.
            return stream.Length;
        }

        var lineEnd = stream.IndexOf((byte)'\n');
        if (lineEnd >= 0)
        {
            return lineEnd + 1;
        }

        return stream.Length < MaxIdentificationLine ? 0 : stream.Length;
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.IsEmpty)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Ssh);
        if (!pdu.StartsWith("SSH-"u8))
        {
            return;
        }

        var line = AsciiText.FirstLine(pdu);
        var software = AsciiText.ToPrintable(line);
        sink.Operation(frame, ProtocolId.Ssh, 0, "Identification", OperationKind.Session, IsFromClient(frame));
        sink.Identity(frame, ProtocolId.Ssh, DeviceRef.Source(frame), IdentityField.Software, software);
        if (IsFromClient(frame))
        {
            sink.Event(frame, ProtocolId.Ssh, DiscoveryEventKind.RemoteAccessSession,
                "SSH session from " + frame.SourceIp + " to " + frame.DestinationIp + ":" + frame.DestinationPort + " (client " + software + ")");
        }
    }

    /// <summary>Towards port 22, or, on a port no one binds, from the higher (ephemeral) port.</summary>
    private static bool IsFromClient(in FrameInfo frame) =>
        frame.DestinationPort == SshPort || (frame.SourcePort != SshPort && frame.SourcePort > frame.DestinationPort);
}
