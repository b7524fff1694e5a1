using System.Diagnostics;

namespace Seam.Protocols.Tests.Industrial;

/// <summary>
/// How many frames of a capture tshark says carry a protocol: the frames whose <c>frame.protocols</c> list
/// names it, optionally with "decode as" rules for captures on non-standard ports.
/// </summary>
internal static class TsharkProtocolCounts
{
    public static IReadOnlyDictionary<string, long> Of(string capture, params string[] decodeAs)
    {
        var start = new ProcessStartInfo("tshark")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in (string[])["-r", capture, "-n", "-T", "fields", "-e", "frame.protocols"])
        {
            start.ArgumentList.Add(argument);
        }

        foreach (var rule in decodeAs)
        {
            start.ArgumentList.Add("-d");
            start.ArgumentList.Add(rule);
        }

        Process process;
        try
        {
            process = Process.Start(start) ?? throw new InvalidOperationException("tshark did not start");
        }
        catch (System.ComponentModel.Win32Exception missing)
        {
            Assert.Fail($"install tshark: apt-get install tshark ({missing.Message})");
            throw;
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                foreach (var protocol in line.Split(':').Distinct(StringComparer.Ordinal))
                {
                    counts[protocol] = counts.GetValueOrDefault(protocol) + 1;
                }
            }

            process.WaitForExit();
            _ = errors.Result;
        }

        return counts;
    }
}
