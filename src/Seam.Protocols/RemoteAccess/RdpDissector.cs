using System.Buffers.Binary;
using Seam.Protocols.Dissection;
using Seam.Protocols.Http;
using Seam.Protocols.Tls;

namespace Seam.Protocols.RemoteAccess;

/// <summary>
/// RDP's connection sequence ([MS-RDPBCGR] §2.2.1.1–2): a TPKT (RFC 1006) carrying an X.224 Connection Request
/// with the routing cookie "Cookie: mstshash=USER" and the negotiation request naming the security protocols
/// the client offers. After that most servers switch to TLS on the same port; those records are handed to
/// the TLS dissector and counted as TLS, which is how tshark shows them too.
/// </summary>
public sealed class RdpDissector : IDissector
{
    private const byte TpktVersion = 3;
    private const byte X224ConnectionRequest = 0xE0;
    private const byte X224ConnectionConfirm = 0xD0;
    private const byte NegotiationRequest = 1;
    private const byte NegotiationResponse = 2;
    private const byte NegotiationFailure = 3;

    private readonly TlsDissector _tls = new();

    public ProtocolId Protocol => ProtocolId.Rdp;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(3389);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.IsEmpty)
        {
            return 0;
        }

        if (stream[0] == TpktVersion)
        {
            if (stream.Length < 4)
            {
                return 0;
            }

            var length = BinaryPrimitives.ReadUInt16BigEndian(stream[2..]);
            return stream[1] == 0 && length >= 7 ? length : -1;
        }

        if (stream[0] is >= 20 and <= 24)
        {
            return _tls.PduLength(stream);
        }

        return FastPathLength(stream);
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.IsEmpty)
        {
            return;
        }

        if (pdu[0] is >= 20 and <= 24)
        {
            _tls.Dissect(frame, pdu, sink);
            return;
        }

        if (pdu[0] != TpktVersion)
        {
            if (FastPathLength(pdu) > 0)
            {
                sink.Pdu(frame, ProtocolId.Rdp);
            }

            return;
        }

        if (pdu.Length < 7 || pdu[1] != 0)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Rdp);
        var x224 = pdu[4..];
        var headerLength = x224[0] + 1;
        var code = (byte)(x224[1] & 0xF0);
        if (headerLength > x224.Length || headerLength < 7)
        {
            return;
        }

        // The X.224 connect header is 7 bytes (LI, code, dst-ref, src-ref, class); RDP's variable part follows.
        var variable = x224[7..headerLength];
        if (code == X224ConnectionRequest)
        {
            ReportConnectionRequest(frame, variable, sink);
        }
        else if (code == X224ConnectionConfirm)
        {
            sink.Operation(frame, ProtocolId.Rdp, code, "ConnectionConfirm", OperationKind.Session, isRequest: false);
            if (variable.Length >= 8 && variable[0] == NegotiationFailure)
            {
                sink.Operation(frame, ProtocolId.Rdp, NegotiationFailure, "NegotiationFailure", OperationKind.Error, isRequest: false);
            }
        }
    }

    private static void ReportConnectionRequest(in FrameInfo frame, ReadOnlySpan<byte> variable, IDissectionSink sink)
    {
        sink.Operation(frame, ProtocolId.Rdp, X224ConnectionRequest, "ConnectionRequest", OperationKind.Session, isRequest: true);
        var user = "";
        if (variable.StartsWith("Cookie: mstshash="u8))
        {
            var lineEnd = variable.IndexOf("\r\n"u8);
            var end = lineEnd < 0 ? variable.Length : lineEnd;
            user = AsciiText.ToPrintable(variable["Cookie: mstshash=".Length..end]);
            variable = lineEnd < 0 ? default : variable[(lineEnd + 2)..];
        }
        else if (variable.StartsWith("Cookie: msts="u8))
        {
            // A load-balancer routing token, not a user name.
            var lineEnd = variable.IndexOf("\r\n"u8);
            variable = lineEnd < 0 ? default : variable[(lineEnd + 2)..];
        }

        var offered = "";
        if (variable.Length >= 8 && variable[0] == NegotiationRequest)
        {
            offered = ProtocolNames(BinaryPrimitives.ReadUInt32LittleEndian(variable[4..]));
        }

        var detail = "RDP connection request from " + frame.SourceIp + " to " + frame.DestinationIp
            + (user.Length > 0 ? ", user '" + user + "' (from the mstshash cookie)" : ", no user name in the request")
            + (offered.Length > 0 ? ", client offers " + offered : "");
        sink.Event(frame, ProtocolId.Rdp, DiscoveryEventKind.RemoteAccessSession, detail);
    }

    /// <summary>[MS-RDPBCGR] §2.2.1.1.1 requestedProtocols: no flag at all means legacy RDP encryption.</summary>
    internal static string ProtocolNames(uint flags)
    {
        if (flags == 0)
        {
            return "standard RDP security only";
        }

        var names = new List<string>();
        if ((flags & 0x1) != 0)
        {
            names.Add("TLS");
        }

        if ((flags & 0x2) != 0)
        {
            names.Add("CredSSP");
        }

        if ((flags & 0x4) != 0)
        {
            names.Add("RDSTLS");
        }

        if ((flags & 0x8) != 0)
        {
            names.Add("CredSSP with early user authorization");
        }

        if ((flags & 0x10) != 0)
        {
            names.Add("RDS AAD auth");
        }

        return names.Count == 0 ? "unknown protocols" : string.Join(", ", names);
    }

    /// <summary>[MS-RDPBCGR] §2.2.8.1.2 / §2.2.9.1.2: action bits 0, then a one- or two-byte length.</summary>
    private static int FastPathLength(ReadOnlySpan<byte> stream)
    {
        if ((stream[0] & 0x3) != 0)
        {
            return -1;
        }

        if (stream.Length < 2)
        {
            return 0;
        }

        if ((stream[1] & 0x80) == 0)
        {
            return stream[1] >= 2 ? stream[1] : -1;
        }

        if (stream.Length < 3)
        {
            return 0;
        }

        var length = ((stream[1] & 0x7F) << 8) | stream[2];
        return length >= 3 ? length : -1;
    }
}
