using System.Diagnostics;

namespace Seam.Protocols.Tests.Capture;

/// <summary>Runs tshark, the reference the capture reader is compared with. A missing tshark fails the test.</summary>
internal static class Tshark
{
    private const string Executable = "tshark";

    /// <summary>The tab-separated fields of every frame, in frame order.</summary>
    public static IReadOnlyList<string[]> Fields(string capture, params string[] fields)
    {
        var arguments = new List<string> { "-r", capture, "-n", "-T", "fields", "-E", "separator=/t", "-E", "occurrence=a", "-E", "aggregator=," };
        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        return Run(arguments).Select(line => line.Split('\t')).ToList();
    }

    /// <summary>tshark's standard output, one line per entry, for any arguments.</summary>
    public static List<string> Run(IEnumerable<string> arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
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

        using (process)
        {
            var errors = process.StandardError.ReadToEndAsync();
            var lines = new List<string>();
            while (process.StandardOutput.ReadLine() is { } line)
            {
                lines.Add(line);
            }

            process.WaitForExit();
            _ = errors.Result;
            return lines;
        }
    }
}
