using Seam.Protocols.Dissection;
using Seam.Protocols.Http;

namespace Seam.Protocols.RemoteAccess;

/// <summary>
/// Telnet (RFC 854). Everything is cleartext, so the events are what matters: a server's login prompt marks a
/// session and its password prompt means the password is about to cross in clear. Seam does not pair a prompt
/// with the keystrokes that follow (clients often send one character per segment); the events say so.
/// </summary>
public sealed class TelnetDissector : IDissector
{
    private const byte InterpretAsCommand = 0xFF;
    private const byte SubnegotiationBegin = 250;
    private const byte SubnegotiationEnd = 240;
    private const ushort TelnetPort = 23;

    /// <summary>Prompts are short; looking at the first kilobyte of text is enough and bounds the work.</summary>
    private const int MaxPromptScan = 1024;

    public ProtocolId Protocol => ProtocolId.Telnet;

    public DissectorBinding Binding { get; } = DissectorBinding.Tcp(TelnetPort);

    public int PduLength(ReadOnlySpan<byte> stream) => stream.Length;

    public void Dissect(in FrameInfo frame, ReadOnlySpan<byte> pdu, IDissectionSink sink)
    {
        if (pdu.IsEmpty)
        {
            return;
        }

        sink.Pdu(frame, ProtocolId.Telnet);
        if (frame.SourcePort != TelnetPort)
        {
            return;
        }

        Span<byte> text = stackalloc byte[Math.Min(pdu.Length, MaxPromptScan)];
        var length = StripCommands(pdu, text);
        var visible = text[..length];
        if (EndsWithPrompt(visible, "login:"u8) || EndsWithPrompt(visible, "username:"u8) || EndsWithPrompt(visible, "user name:"u8))
        {
            sink.Event(frame, ProtocolId.Telnet, DiscoveryEventKind.RemoteAccessSession,
                "Telnet login prompt from " + frame.SourceIp + " to " + frame.DestinationIp + "; the whole session, user name included, crosses in clear");
        }
        else if (EndsWithPrompt(visible, "password:"u8))
        {
            sink.Event(frame, ProtocolId.Telnet, DiscoveryEventKind.ClearTextCredential,
                "Telnet server " + frame.SourceIp + " asked " + frame.DestinationIp
                + " for a password; the reply crosses in clear (Seam saw the prompt, it did not decode the typed password)");
        }
    }

    /// <summary>Copies the data bytes, dropping IAC command and subnegotiation sequences (RFC 854, RFC 855).</summary>
    internal static int StripCommands(ReadOnlySpan<byte> pdu, Span<byte> text)
    {
        var written = 0;
        var i = 0;
        while (i < pdu.Length && written < text.Length)
        {
            if (pdu[i] != InterpretAsCommand)
            {
                text[written++] = pdu[i++];
                continue;
            }

            if (i + 1 >= pdu.Length)
            {
                break;
            }

            var command = pdu[i + 1];
            if (command == InterpretAsCommand)
            {
                text[written++] = InterpretAsCommand;
                i += 2;
            }
            else if (command == SubnegotiationBegin)
            {
                var end = pdu[(i + 2)..].IndexOf([InterpretAsCommand, SubnegotiationEnd]);
                i = end < 0 ? pdu.Length : i + 2 + end + 2;
            }
            else
            {
                // WILL/WONT/DO/DONT carry one option byte; the other commands stand alone.
                i += command is >= 251 and <= 254 ? 3 : 2;
            }
        }

        return written;
    }

    /// <summary>The text ends with the prompt, ignoring trailing blanks: a prompt waits for input after it.</summary>
    private static bool EndsWithPrompt(ReadOnlySpan<byte> text, ReadOnlySpan<byte> prompt)
    {
        var trimmed = AsciiText.Trim(text);
        return trimmed.Length >= prompt.Length && AsciiText.StartsWithIgnoreCase(trimmed[^prompt.Length..], prompt);
    }
}
