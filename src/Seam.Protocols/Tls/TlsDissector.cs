using Seam.Protocols.Dissection;

namespace Seam.Protocols.Tls;

/// <summary>
/// TLS record layer and the two cleartext handshake messages that say who talks to whom: the ClientHello's
/// server name (SNI) and ALPN, and the version the ServerHello settles on (RFC 8446 §4.1, RFC 5246 §7.4,
/// RFC 6066 §3 for SNI, RFC 7301 for ALPN). Everything after the handshake is opaque and only counted.
/// </summary>
public sealed class TlsDissector : IDissector
{
    /// <summary>Largest record a peer may send: 2^14 plus the expansion RFC 5246 §6.2.3 allows.</summary>
    internal const int MaxRecordLength = 16384 + 2048;

    private const byte ContentHandshake = 22;
    private const byte HandshakeClientHello = 1;
    private const byte HandshakeServerHello = 2;

    public ProtocolId Protocol => ProtocolId.Tls;

    /// <summary>HTTPS, OPC UA over TLS, the usual alternative HTTPS port, LDAPS, IMAPS, POP3S.</summary>
    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(443, 4843, 8443, 636, 993, 995);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.Length < 5)
        {
            return stream.IsEmpty || LooksLikeRecordStart(stream) ? 0 : -1;
        }

        if (!LooksLikeRecordStart(stream))
        {
            return -1;
        }

        var length = (stream[3] << 8) | stream[4];
        return length > MaxRecordLength ? -1 : 5 + length;
    }

    public bool RecognisesStreamStart(ReadOnlySpan<byte> firstPayload) =>
        firstPayload.Length >= 6
        && firstPayload[0] == ContentHandshake
        && firstPayload[1] == 3
        && firstPayload[2] <= 4
        && firstPayload[5] == HandshakeClientHello;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.Length < 5 || !LooksLikeRecordStart(pdu))
        {
            return;
        }

        var length = (pdu[3] << 8) | pdu[4];
        if (length > MaxRecordLength)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Tls);
        var body = pdu[5..];
        if (body.Length > length)
        {
            body = body[..length];
        }

        if (pdu[0] == ContentHandshake)
        {
            DissectHandshakes(frame, body, sink);
        }
    }

    /// <summary>Record types 20–24 (change_cipher_spec, alert, handshake, application_data, heartbeat), version 3.0–3.4.</summary>
    internal static bool LooksLikeRecordStart(ReadOnlySpan<byte> stream) =>
        stream[0] is >= 20 and <= 24 && (stream.Length < 2 || stream[1] == 3) && (stream.Length < 3 || stream[2] <= 4);

    private static void DissectHandshakes(in FrameInfo frame, ReadOnlySpan<byte> body, IDissectionSink sink)
    {
        var reader = new BigEndianReader(body);
        // A record may hold several handshake messages (ServerHello, Certificate, ServerHelloDone); after the
        // first encrypted one (TLS 1.3) the type byte is noise, which is why only the two hellos are read.
        while (reader.Remaining >= 4)
        {
            var type = reader.U8();
            var length = reader.U24();
            var message = reader.Take(Math.Min(length, reader.Remaining));
            switch (type)
            {
                case HandshakeClientHello when TlsHello.TryReadClientHello(message, out var hello):
                    sink.Operation(frame, ProtocolId.Tls, HandshakeClientHello, "ClientHello", OperationKind.Session, isRequest: true);
                    if (hello.ServerName.Length > 0)
                    {
                        sink.Identity(frame, ProtocolId.Tls, DeviceRef.Destination(frame), IdentityField.ServerName, hello.ServerName);
                    }

                    break;
                case HandshakeServerHello when TlsHello.TryReadServerVersion(message, out var version):
                    sink.Operation(frame, ProtocolId.Tls, HandshakeServerHello, "ServerHello", OperationKind.Session, isRequest: false);
                    sink.Identity(frame, ProtocolId.Tls, DeviceRef.Source(frame), IdentityField.SecurityPolicy, TlsHello.VersionName(version));
                    break;
                default:
                    return;
            }
        }
    }
}
