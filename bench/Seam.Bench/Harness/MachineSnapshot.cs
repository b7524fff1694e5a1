using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;

namespace Seam.Bench.Harness;

/// <summary>What the numbers were measured on. The load average matters: the benchmark machines are shared.</summary>
public sealed record MachineSnapshot(
    DateTimeOffset At,
    string Host,
    int ProcessorCount,
    string Os,
    string Runtime,
    string? GitCommit,
    string? LoadAverage)
{
    public static MachineSnapshot Take(string repositoryRoot) => new(
        DateTimeOffset.UtcNow,
        Environment.MachineName,
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        ReadGitCommit(repositoryRoot),
        LoadAverageNow());

    /// <summary>The 1, 5 and 15 minute load averages from /proc/loadavg, e.g. "1.52 1.20 0.98"; null off Linux.</summary>
    public static string? LoadAverageNow()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return string.Join(' ', fields.Take(3));
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string? ReadGitCommit(string repositoryRoot)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "--short", "HEAD"])
            {
                WorkingDirectory = repositoryRoot,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            using var git = Process.Start(start);
            if (git is null)
            {
                return null;
            }

            var commit = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            return git.ExitCode == 0 ? commit : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"{At:yyyy-MM-dd HH:mm} UTC, {ProcessorCount} cores, {Os}, {Runtime}, commit {GitCommit ?? "?"}, load average {LoadAverage ?? "?"}");
}
