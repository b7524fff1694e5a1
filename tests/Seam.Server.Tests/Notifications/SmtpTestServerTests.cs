using System.Net.Sockets;
using System.Text;
using Seam.Testing.Smtp;

namespace Seam.Server.Tests.Notifications;

/// <summary>The loopback SMTP server the notification tests rely on, spoken to line by line over a real socket.</summary>
public sealed class SmtpTestServerTests
{
    public static TheoryData<string[], string> Stuffed => new()
    {
        { ["Hello", "..", "world"], "Hello\r\n.\r\nworld" },
        { ["..leading dot"], ".leading dot" },
        { ["...two dots"], "..two dots" },
        { ["no.dot at start", "end."], "no.dot at start\r\nend." },
        { [], "" },
    };

    [Theory, MemberData(nameof(Stuffed))]
    public void Dot_unstuffing_removes_one_leading_dot_per_line(string[] lines, string expected) =>
        Assert.Equal(expected, SmtpTestServer.Unstuff(lines));

    private sealed class Dialogue(TcpClient client) : IDisposable
    {
        private readonly StreamReader reader = new(client.GetStream(), Encoding.ASCII);
        private readonly StreamWriter writer = new(client.GetStream(), Encoding.ASCII) { NewLine = "\r\n", AutoFlush = true };

        public static async Task<Dialogue> OpenAsync(int port)
        {
            var client = new TcpClient();
            await client.ConnectAsync("127.0.0.1", port);
            var dialogue = new Dialogue(client);
            Assert.StartsWith("220", await dialogue.ReplyAsync(), StringComparison.Ordinal);
            return dialogue;
        }

        /// <summary>The last line of a (possibly multi-line) reply.</summary>
        public async Task<string> ReplyAsync()
        {
            string line;
            do
            {
                line = await reader.ReadLineAsync() ?? throw new IOException("The server closed the connection.");
            }
            while (line.Length > 3 && line[3] == '-');
            return line;
        }

        public async Task<string> SendAsync(string line)
        {
            await writer.WriteLineAsync(line);
            return await ReplyAsync();
        }

        /// <summary>Lines of a DATA section as given: the caller has already doubled leading dots, as a client must.</summary>
        public async Task SendLinesAsync(params string[] lines)
        {
            foreach (var line in lines)
            {
                await writer.WriteLineAsync(line);
            }
        }

        public void Dispose() => client.Dispose();
    }

    [Fact]
    public async Task A_message_sent_over_the_socket_is_recorded_unstuffed_with_its_envelope()
    {
        await using var server = new SmtpTestServer();
        using var smtp = await Dialogue.OpenAsync(server.Port);

        Assert.StartsWith("250", await smtp.SendAsync("EHLO client.test"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.SendAsync("NOOP"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.SendAsync("MAIL FROM:<seam@example.org>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.SendAsync("RCPT TO:<a@example.org>"), StringComparison.Ordinal);
        Assert.StartsWith("250", await smtp.SendAsync("RCPT TO:<b@example.org>"), StringComparison.Ordinal);
        Assert.StartsWith("354", await smtp.SendAsync("DATA"), StringComparison.Ordinal);
        await smtp.SendLinesAsync("Subject: dots", "", "..", "..starts with a dot", "last");
        Assert.StartsWith("250", await smtp.SendAsync("."), StringComparison.Ordinal);
        Assert.StartsWith("221", await smtp.SendAsync("QUIT"), StringComparison.Ordinal);

        var message = Assert.Single(server.Messages);
        Assert.Equal("seam@example.org", message.From);
        Assert.Equal(["a@example.org", "b@example.org"], message.Recipients);
        Assert.Equal("Subject: dots\r\n\r\n.\r\n.starts with a dot\r\nlast", message.Data);
    }

    [Fact]
    public async Task Rset_forgets_the_envelope_and_commands_out_of_order_are_refused()
    {
        await using var server = new SmtpTestServer();
        using var smtp = await Dialogue.OpenAsync(server.Port);
        await smtp.SendAsync("HELO client.test");

        Assert.StartsWith("503", await smtp.SendAsync("RCPT TO:<a@example.org>"), StringComparison.Ordinal);
        await smtp.SendAsync("MAIL FROM:<seam@example.org>");
        await smtp.SendAsync("RCPT TO:<a@example.org>");
        Assert.StartsWith("250", await smtp.SendAsync("RSET"), StringComparison.Ordinal);
        Assert.StartsWith("503", await smtp.SendAsync("DATA"), StringComparison.Ordinal);
        Assert.StartsWith("502", await smtp.SendAsync("VRFY someone"), StringComparison.Ordinal);
        Assert.Empty(server.Messages);
    }

    [Fact]
    public async Task A_told_rejection_refuses_the_message_and_nothing_is_recorded()
    {
        await using var server = new SmtpTestServer();
        server.Reject(SmtpStage.EndOfData, "452 4.3.1 Insufficient system storage");
        using var smtp = await Dialogue.OpenAsync(server.Port);
        await smtp.SendAsync("EHLO client.test");
        await smtp.SendAsync("MAIL FROM:<seam@example.org>");
        await smtp.SendAsync("RCPT TO:<a@example.org>");
        await smtp.SendAsync("DATA");
        await smtp.SendLinesAsync("Subject: refused", "", "body");

        Assert.Equal("452 4.3.1 Insufficient system storage", await smtp.SendAsync("."));
        Assert.Empty(server.Messages);
        Assert.Throws<ArgumentException>(() => server.Reject(SmtpStage.RcptTo, "250 fine"));
    }

    [Fact]
    public async Task With_a_user_set_mail_needs_auth_plain_with_the_right_password()
    {
        await using var server = new SmtpTestServer("seam", "mail-password");
        using var smtp = await Dialogue.OpenAsync(server.Port);
        await smtp.SendAsync("EHLO client.test");

        Assert.StartsWith("530", await smtp.SendAsync("MAIL FROM:<seam@example.org>"), StringComparison.Ordinal);
        Assert.StartsWith("535", await smtp.SendAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0seam\0wrong"))), StringComparison.Ordinal);
        Assert.StartsWith("235", await smtp.SendAsync("AUTH PLAIN " + Convert.ToBase64String(Encoding.UTF8.GetBytes("\0seam\0mail-password"))), StringComparison.Ordinal);
        await smtp.SendAsync("MAIL FROM:<seam@example.org>");
        await smtp.SendAsync("RCPT TO:<a@example.org>");
        await smtp.SendAsync("DATA");
        await smtp.SendLinesAsync("Subject: signed in", "", "body");
        await smtp.SendAsync(".");

        Assert.Equal("seam", Assert.Single(server.Messages).AuthenticatedAs);
    }
}
