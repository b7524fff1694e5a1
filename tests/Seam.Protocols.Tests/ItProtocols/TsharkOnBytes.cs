using System.Buffers.Binary;
using System.Diagnostics;

namespace Seam.Protocols.Tests.ItProtocols;

/// <summary>
/// Checks our spec-built bytes against Wireshark: writes them as one IPv4 frame into a temporary pcap and
/// asks tshark for fields. Used where the corpus has no capture of a protocol, so a test's bytes are known to
/// be what a real dissector takes them for, not only what our parser expects.
/// </summary>
internal static class TsharkOnBytes
{
    public const string Missing = "install tshark: apt-get install tshark";

    public static string Path => File.Exists("/usr/bin/tshark") ? "/usr/bin/tshark" : throw new InvalidOperationException(Missing);

    /// <summary>The values tshark gives for <paramref name="fields"/> on the single frame, tab-separated as it prints them.</summary>
    public static string Fields(bool tcp, ushort sourcePort, ushort destinationPort, byte[] payload, params string[] fields)
    {
        var directory = Directory.CreateTempSubdirectory("seam-itproto-");
        try
        {
            var file = System.IO.Path.Combine(directory.FullName, "frame.pcap");
            File.WriteAllBytes(file, Pcap(tcp, sourcePort, destinationPort, payload));
            return Run(file, fields).TrimEnd('\n', '\r');
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    /// <summary>Runs tshark over a capture file and returns its standard output.</summary>
    public static string Run(string file, params string[] fields)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { "-r", file, "-T", "fields" })
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var field in fields)
        {
            start.ArgumentList.Add("-e");
            start.ArgumentList.Add(field);
        }

        using var process = Process.Start(start)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        _ = errors.Result;
        return output;
    }

    private static byte[] Pcap(bool tcp, ushort sourcePort, ushort destinationPort, byte[] payload)
    {
        var transportLength = tcp ? 20 : 8;
        var ipLength = 20 + transportLength + payload.Length;
        var frame = new byte[14 + ipLength];
        TestFrames.Hex("020000000002 020000000001 0800").CopyTo(frame, 0);
        var ip = frame.AsSpan(14);
        ip[0] = 0x45;
        BinaryPrimitives.WriteUInt16BigEndian(ip[2..], (ushort)ipLength);
        ip[8] = 64;
        ip[9] = tcp ? (byte)6 : (byte)17;
        new byte[] { 192, 168, 1, 10, 192, 168, 1, 20 }.CopyTo(ip[12..]);
        var transport = ip[20..];
        BinaryPrimitives.WriteUInt16BigEndian(transport, sourcePort);
        BinaryPrimitives.WriteUInt16BigEndian(transport[2..], destinationPort);
        if (tcp)
        {
            BinaryPrimitives.WriteUInt32BigEndian(transport[4..], 1);
            transport[12] = 0x50;
            transport[13] = 0x18; // PSH, ACK
            BinaryPrimitives.WriteUInt16BigEndian(transport[14..], 65535);
        }
        else
        {
            BinaryPrimitives.WriteUInt16BigEndian(transport[4..], (ushort)(8 + payload.Length));
        }

        payload.CopyTo(transport[transportLength..]);

        var file = new byte[24 + 16 + frame.Length];
        var header = file.AsSpan();
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0xA1B2C3D4);
        BinaryPrimitives.WriteUInt16LittleEndian(header[4..], 2);
        BinaryPrimitives.WriteUInt16LittleEndian(header[6..], 4);
        BinaryPrimitives.WriteUInt32LittleEndian(header[16..], 65535);
        BinaryPrimitives.WriteUInt32LittleEndian(header[20..], 1); // Ethernet
        BinaryPrimitives.WriteUInt32LittleEndian(header[(24 + 8)..], (uint)frame.Length);
        BinaryPrimitives.WriteUInt32LittleEndian(header[(24 + 12)..], (uint)frame.Length);
        frame.CopyTo(file, 40);
        return file;
    }
}
