using System.Buffers.Text;
using Seam.Protocols.Dissection;

namespace Seam.Protocols.Http;

/// <summary>
/// HTTP/1.x message heads (RFC 9112): the request line, Host, User-Agent, Server and Basic credentials. Bodies
/// are skipped; a body too large to wait for is left to arrive as plain segments, which are not reported.
/// </summary>
public sealed class HttpDissector : IDissector
{
    /// <summary>Heads longer than this are not waited for: real ones are a few hundred bytes.</summary>
    internal const int MaxHeadLength = 16 * 1024;

    /// <summary>Bodies up to this size are taken with their head, so the next message starts cleanly.</summary>
    internal const int MaxInlineBody = 64 * 1024;

    private static readonly string[] Methods = ["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS", "PATCH", "CONNECT", "TRACE"];

    public ProtocolId Protocol => ProtocolId.Http;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(80, 8080, 8000);

    public bool RecognisesStreamStart(ReadOnlySpan<byte> firstPayload) =>
        firstPayload.StartsWith("GET "u8) || firstPayload.StartsWith("POST "u8) || firstPayload.StartsWith("HTTP/1."u8);

    public int PduLength(ReadOnlySpan<byte> stream)
    {
        if (stream.IsEmpty)
        {
            return 0;
        }

        if (!StartsLikeHead(stream))
        {
            // The middle of a body we chose not to wait for: consume it as it comes.
            return stream.Length;
        }

        var headEnd = stream.IndexOf("\r\n\r\n"u8);
        if (headEnd < 0)
        {
            return stream.Length < MaxHeadLength ? 0 : stream.Length;
        }

        var headLength = headEnd + 4;
        var bodyLength = ContentLength(stream[..(headEnd + 2)]);
        return bodyLength is > 0 and <= MaxInlineBody ? headLength + (int)bodyLength : headLength;
    }

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (!StartsLikeHead(pdu))
        {
            return;
        }

        var headEnd = pdu.IndexOf("\r\n\r\n"u8);
        var head = headEnd < 0 ? pdu : pdu[..(headEnd + 2)];
        var startLine = AsciiText.FirstLine(head);
        if (!AsciiText.TryTakeLine(ref head, out _))
        {
            head = default;
        }

        var isResponse = startLine.StartsWith("HTTP/"u8);
        sink.Pdu(frame, ProtocolId.Http);
        if (isResponse)
        {
            sink.Operation(frame, ProtocolId.Http, StatusCode(startLine), "Response", StatusCode(startLine) >= 400 ? OperationKind.Error : OperationKind.Other, isRequest: false);
        }
        else
        {
            var method = MethodIndex(startLine);
            sink.Operation(frame, ProtocolId.Http, (ushort)method, Methods[method], method == 0 || method == 4 ? OperationKind.Read : OperationKind.Write, isRequest: true);
        }

        while (AsciiText.TryTakeLine(ref head, out var line) && !line.IsEmpty)
        {
            var colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            var name = line[..colon];
            var value = AsciiText.Trim(line[(colon + 1)..]);
            if (value.IsEmpty)
            {
                continue;
            }

            if (!isResponse && name.Length == 4 && AsciiText.StartsWithIgnoreCase(name, "host"u8))
            {
                sink.Identity(frame, ProtocolId.Http, DeviceRef.Destination(frame), IdentityField.HostName, AsciiText.ToPrintable(StripPort(value)));
            }
            else if (!isResponse && AsciiText.StartsWithIgnoreCase(name, "user-agent"u8) && name.Length == 10)
            {
                sink.Identity(frame, ProtocolId.Http, DeviceRef.Source(frame), IdentityField.Software, AsciiText.ToPrintable(value));
            }
            else if (isResponse && name.Length == 6 && AsciiText.StartsWithIgnoreCase(name, "server"u8))
            {
                sink.Identity(frame, ProtocolId.Http, DeviceRef.Source(frame), IdentityField.Software, AsciiText.ToPrintable(value));
            }
            else if (!isResponse && name.Length == 13 && AsciiText.StartsWithIgnoreCase(name, "authorization"u8))
            {
                ReportAuthorization(frame, value, sink);
            }
        }
    }

    private static void ReportAuthorization(in FrameInfo frame, ReadOnlySpan<byte> value, IDissectionSink sink)
    {
        if (!AsciiText.StartsWithIgnoreCase(value, "basic "u8))
        {
            return;
        }

        var encoded = AsciiText.Trim(value[6..]);
        if (encoded.Length > 1024)
        {
            return;
        }

        Span<byte> decoded = stackalloc byte[Base64.GetMaxDecodedFromUtf8Length(encoded.Length)];
        if (Base64.DecodeFromUtf8(encoded, decoded, out _, out var written) != System.Buffers.OperationStatus.Done)
        {
            sink.Event(frame, ProtocolId.Http, DiscoveryEventKind.ClearTextCredential,
                "HTTP Basic authorization sent in clear to " + frame.DestinationIp + " (credentials not decodable)");
            return;
        }

        var userPass = decoded[..written];
        var colon = userPass.IndexOf((byte)':');
        var user = colon < 0 ? userPass : userPass[..colon];
        sink.Event(frame, ProtocolId.Http, DiscoveryEventKind.ClearTextCredential,
            "HTTP Basic authorization for user '" + AsciiText.ToPrintable(user) + "' sent in clear to " + frame.DestinationIp + " (password not shown)");
    }

    /// <summary>A request line starting with a known method, or a status line.</summary>
    private static bool StartsLikeHead(ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith("HTTP/1."u8))
        {
            return true;
        }

        var space = bytes.IndexOf((byte)' ');
        return space > 0 && MethodIndex(bytes) >= 0 && MethodIndex(bytes) < Methods.Length && space == Methods[MethodIndex(bytes)].Length;
    }

    /// <summary>Index into <see cref="Methods"/>, or -1 when the line does not start with one followed by a space.</summary>
    private static int MethodIndex(ReadOnlySpan<byte> line)
    {
        for (var i = 0; i < Methods.Length; i++)
        {
            var method = Methods[i];
            if (line.Length > method.Length && line[method.Length] == ' ' && Matches(line, method))
            {
                return i;
            }
        }

        return -1;
    }

    private static bool Matches(ReadOnlySpan<byte> line, string method)
    {
        for (var i = 0; i < method.Length; i++)
        {
            if (line[i] != method[i])
            {
                return false;
            }
        }

        return true;
    }

    private static ushort StatusCode(ReadOnlySpan<byte> statusLine)
    {
        var space = statusLine.IndexOf((byte)' ');
        if (space < 0 || statusLine.Length < space + 4)
        {
            return 0;
        }

        var digits = statusLine.Slice(space + 1, 3);
        return Utf8Parser.TryParse(digits, out ushort code, out var consumed) && consumed == 3 ? code : (ushort)0;
    }

    private static long ContentLength(ReadOnlySpan<byte> head)
    {
        while (AsciiText.TryTakeLine(ref head, out var line))
        {
            if (AsciiText.StartsWithIgnoreCase(line, "content-length:"u8)
                && Utf8Parser.TryParse(AsciiText.Trim(line[15..]), out long length, out _))
            {
                return length;
            }
        }

        return 0;
    }

    /// <summary>"plc.example:8080" names the host "plc.example"; a bracketed IPv6 literal keeps its brackets off.</summary>
    private static ReadOnlySpan<byte> StripPort(ReadOnlySpan<byte> host)
    {
        if (host.Length > 0 && host[0] == '[')
        {
            var close = host.IndexOf((byte)']');
            return close > 1 ? host[1..close] : host;
        }

        var colon = host.LastIndexOf((byte)':');
        return colon > 0 && host.IndexOf((byte)':') == colon ? host[..colon] : host;
    }
}
