using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Seam.Testing.Smtp;

/// <summary>The SMTP command a test can make the server refuse.</summary>
public enum SmtpStage
{
    MailFrom,
    RcptTo,

    /// <summary>After the message body, so the client has sent everything and still learns it was not accepted.</summary>
    EndOfData,
}

/// <summary>One message the server accepted, as the client sent it (dot-unstuffed).</summary>
public sealed record SmtpReceivedMessage(string From, IReadOnlyList<string> Recipients, string Data, string? AuthenticatedAs);

/// <summary>
/// A small but real SMTP server (RFC 5321 subset) on 127.0.0.1 and a free port, for tests of code that sends mail:
/// EHLO/HELO, optional AUTH PLAIN, MAIL FROM, RCPT TO, DATA with dot-unstuffing, RSET, NOOP, QUIT. It records what it
/// accepted and can be told to answer a stage with a 4xx or 5xx reply. No TLS: point clients at it with security off.
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stopping = new();
    private readonly List<SmtpReceivedMessage> messages = [];
    private readonly List<Task> sessions = [];
    private readonly Lock gate = new();
    private readonly Task accepting;
    private (SmtpStage Stage, string Reply)? rejection;

    public SmtpTestServer(string? user = null, string? password = null)
    {
        User = user;
        Password = password;
        listener.Start();
        accepting = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    /// <summary>When set, AUTH PLAIN is offered and mail is refused until a client signs in with these.</summary>
    public string? User { get; }

    public string? Password { get; }

    public IReadOnlyList<SmtpReceivedMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    /// <summary>From now on answer <paramref name="stage"/> with <paramref name="reply"/> (e.g. "451 4.3.0 Try again later").</summary>
    public void Reject(SmtpStage stage, string reply)
    {
        if (reply.Length < 4 || reply[0] is not ('4' or '5') || !char.IsAsciiDigit(reply[1]) || !char.IsAsciiDigit(reply[2]) || reply[3] != ' ')
        {
            throw new ArgumentException("A rejection is a 4xx or 5xx reply: three digits, a space and a text.", nameof(reply));
        }

        lock (gate)
        {
            rejection = (stage, reply);
        }
    }

    public void AcceptAgain()
    {
        lock (gate)
        {
            rejection = null;
        }
    }

    /// <summary>
    /// Removes the transparency dots of a DATA section (RFC 5321 §4.5.2): a line starting with "." lost its first dot.
    /// The lines are those before the lone "." that ends the data; they are joined with CRLF.
    /// </summary>
    public static string Unstuff(IEnumerable<string> lines) =>
        string.Join("\r\n", lines.Select(l => l.StartsWith('.') ? l[1..] : l));

    private async Task AcceptAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }

            lock (gate)
            {
                sessions.Add(Task.Run(() => ServeAsync(client)));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        var stream = client.GetStream();

        // Latin-1 maps every byte to one char and back, so an 8-bit body survives untouched.
        using var reader = new StreamReader(stream, Encoding.Latin1, false, 1024, leaveOpen: true);
        await using var writer = new StreamWriter(stream, Encoding.Latin1, 1024, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        var session = new Session();
        try
        {
            await writer.WriteLineAsync("220 seam-test ESMTP ready");
            while (await reader.ReadLineAsync(stopping.Token) is { } line)
            {
                var reply = await HandleAsync(line, session, reader);
                await writer.WriteLineAsync(reply);
                if (reply.StartsWith("221", StringComparison.Ordinal))
                {
                    return;
                }
            }
        }
        catch (Exception e) when (e is IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The client hung up or the server is stopping.
        }
    }

    private async Task<string> HandleAsync(string line, Session session, StreamReader reader)
    {
        var verb = (line.Length >= 4 ? line[..4] : line).ToUpperInvariant();
        var argument = line.Length > 4 ? line[4..].Trim() : "";
        switch (verb)
        {
            case "EHLO":
                session.Reset();
                return User is null ? "250 seam-test" : "250-seam-test\r\n250 AUTH PLAIN";
            case "HELO":
                session.Reset();
                return "250 seam-test";
            case "NOOP":
                return "250 OK";
            case "RSET":
                session.Reset();
                return "250 OK";
            case "QUIT":
                return "221 Bye";
            case "AUTH":
                return Authenticate(argument, session);
            case "MAIL":
                if (User is not null && session.AuthenticatedAs is null)
                {
                    return "530 5.7.0 Authentication required";
                }

                if (Rejection(SmtpStage.MailFrom) is { } refuseSender)
                {
                    return refuseSender;
                }

                if (!argument.StartsWith("FROM:", StringComparison.OrdinalIgnoreCase))
                {
                    return "501 5.5.4 Syntax: MAIL FROM:<address>";
                }

                session.Reset();
                session.From = Address(argument[5..]);
                return "250 OK";
            case "RCPT":
                if (session.From is null)
                {
                    return "503 5.5.1 MAIL first";
                }

                if (Rejection(SmtpStage.RcptTo) is { } refuseRecipient)
                {
                    return refuseRecipient;
                }

                if (!argument.StartsWith("TO:", StringComparison.OrdinalIgnoreCase))
                {
                    return "501 5.5.4 Syntax: RCPT TO:<address>";
                }

                session.Recipients.Add(Address(argument[3..]));
                return "250 OK";
            case "DATA":
                if (session.Recipients.Count == 0)
                {
                    return "503 5.5.1 RCPT first";
                }

                return await ReceiveDataAsync(session, reader);
            default:
                return "502 5.5.2 Command not implemented";
        }
    }

    private async Task<string> ReceiveDataAsync(Session session, StreamReader reader)
    {
        var writer = new StreamWriter(reader.BaseStream, Encoding.Latin1, 64, leaveOpen: true) { NewLine = "\r\n", AutoFlush = true };
        await using (writer)
        {
            await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
        }

        var lines = new List<string>();
        while (await reader.ReadLineAsync(stopping.Token) is { } line && line != ".")
        {
            lines.Add(line);
        }

        if (Rejection(SmtpStage.EndOfData) is { } refuse)
        {
            session.Reset();
            return refuse;
        }

        lock (gate)
        {
            messages.Add(new SmtpReceivedMessage(session.From!, [.. session.Recipients], Unstuff(lines), session.AuthenticatedAs));
        }

        session.Reset();
        return "250 2.0.0 Queued";
    }

    private string Authenticate(string argument, Session session)
    {
        var parts = argument.Split(' ', 2);
        if (User is null || !parts[0].Equals("PLAIN", StringComparison.OrdinalIgnoreCase) || parts.Length < 2)
        {
            return "504 5.5.4 Only AUTH PLAIN with an initial response is supported";
        }

        try
        {
            // authorization-id NUL authentication-id NUL password (RFC 4616)
            var fields = Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])).Split('\0');
            if (fields.Length == 3 && fields[1] == User && fields[2] == Password)
            {
                session.AuthenticatedAs = fields[1];
                return "235 2.7.0 Authentication successful";
            }
        }
        catch (FormatException)
        {
            return "501 5.5.2 Not base64";
        }

        return "535 5.7.8 Authentication credentials invalid";
    }

    private string? Rejection(SmtpStage stage)
    {
        lock (gate)
        {
            return rejection is { } r && r.Stage == stage ? r.Reply : null;
        }
    }

    private static string Address(string text)
    {
        var t = text.Trim();
        var end = t.IndexOf('>');
        return t.StartsWith('<') && end > 0 ? t[1..end] : t.Split(' ')[0];
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync();
        listener.Stop();
        await accepting;
        Task[] running;
        lock (gate)
        {
            running = [.. sessions];
        }

        await Task.WhenAll(running);
        stopping.Dispose();
    }

    private sealed class Session
    {
        public string? From { get; set; }

        public List<string> Recipients { get; } = [];

        public string? AuthenticatedAs { get; set; }

        public void Reset()
        {
            From = null;
            Recipients.Clear();
        }
    }
}
