using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Seam.Bench.Harness;

namespace Seam.Bench.Memory;

/// <summary>Resident memory of a process as Linux reports it in /proc/&lt;pid&gt;/status.</summary>
/// <param name="RssMiB">VmRSS: resident now.</param>
/// <param name="HwmMiB">VmHWM: the most that was ever resident.</param>
public sealed record ResidentMemory(double RssMiB, double HwmMiB)
{
    public static ResidentMemory Of(int processId)
    {
        var lines = File.ReadAllLines($"/proc/{processId.ToString(CultureInfo.InvariantCulture)}/status");
        return new ResidentMemory(Field(lines, "VmRSS:"), Field(lines, "VmHWM:"));
    }

    private static double Field(string[] lines, string name)
    {
        var line = lines.FirstOrDefault(l => l.StartsWith(name, StringComparison.Ordinal))
            ?? throw new BenchmarkFailure($"/proc/<pid>/status has no {name} line.");
        var kilobytes = long.Parse(line[name.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
        return kilobytes / 1024.0;
    }
}

/// <summary>
/// The real <c>seam</c> CLI (its Release build) run as a child process: <c>seam serve --demo</c> on a free loopback port,
/// and the short <c>seam users …</c> commands next to it. Stopped with SIGTERM, as a service manager would.
/// </summary>
public sealed class SeamServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SeamServerProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int ProcessId => _process.Id;

    /// <summary>The CLI's Release build; the bench project references Seam.Cli so that building the bench builds it.</summary>
    public static async Task<string> CliAsync(CancellationToken cancellationToken)
    {
        var dll = Path.Combine(Repository.Root, "src", "Seam.Cli", "bin", "Release", "net10.0", "seam.dll");
        if (!File.Exists(dll))
        {
            Console.WriteLine("Building the seam CLI (Release)…");
            var build = await ProcessRunner.RunAsync("dotnet", ["build", "src/Seam.Cli", "-c", "Release", "--nologo", "-v", "quiet"],
                TimeSpan.FromMinutes(10), workingDirectory: Repository.Root, cancellationToken: cancellationToken);
            if (build.ExitCode != 0 || !File.Exists(dll))
            {
                throw new BenchmarkFailure($"Building the seam CLI failed:\n{build.StandardOutput}{build.StandardError}");
            }
        }

        return dll;
    }

    public static async Task<SeamServerProcess> StartDemoAsync(string cli, string databasePath, CancellationToken cancellationToken)
    {
        var url = new Uri($"http://127.0.0.1:{FreeLoopbackPort().ToString(CultureInfo.InvariantCulture)}");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(databasePath)!,
        };
        foreach (var argument in new[] { cli, "serve", "--demo", "--db", databasePath, "--urls", url.ToString().TrimEnd('/') })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new BenchmarkFailure("Could not start `dotnet seam.dll serve`.");
        var server = new SeamServerProcess(process, url);
        process.OutputDataReceived += (_, e) => server.Collect(e.Data);
        process.ErrorDataReceived += (_, e) => server.Collect(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await server.WaitUntilHealthyAsync(TimeSpan.FromMinutes(2), cancellationToken);
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }

        return server;
    }

    /// <summary><c>seam users token admin --name bench --db FILE</c>: the secret it prints.</summary>
    public static async Task<string> CreateTokenAsync(string cli, string databasePath, CancellationToken cancellationToken)
    {
        var outcome = await ProcessRunner.RunAsync("dotnet", [cli, "users", "token", "admin", "--name", "bench", "--db", databasePath],
            TimeSpan.FromMinutes(1), cancellationToken: cancellationToken);
        var secret = outcome.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault();
        if (outcome.ExitCode != 0 || string.IsNullOrEmpty(secret))
        {
            throw new BenchmarkFailure($"seam users token failed (exit {outcome.ExitCode}): {outcome.StandardError}");
        }

        return secret;
    }

    /// <summary>SIGTERM, then up to 15 s for a clean shutdown, then SIGKILL. Returns the exit code.</summary>
    public async Task<int> StopAsync()
    {
        if (!_process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)], TimeSpan.FromSeconds(10));
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            try
            {
                await _process.WaitForExitAsync(limit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync(CancellationToken.None);
            }
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
    }

    private void Collect(string? line)
    {
        if (line is null)
        {
            return;
        }

        // The demo prints the admin's password once; it has no place in a benchmark log.
        _output.Enqueue(line.Contains("password", StringComparison.OrdinalIgnoreCase) ? "(a line about the admin password)" : line);
    }

    private async Task WaitUntilHealthyAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < timeout)
        {
            if (_process.HasExited)
            {
                throw new BenchmarkFailure($"seam serve exited with code {_process.ExitCode} before it answered:\n{string.Join('\n', _output)}");
            }

            try
            {
                using var response = await client.GetAsync("/health", cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // Starting up; the request timed out.
            }

            await Task.Delay(200, cancellationToken);
        }

        throw new BenchmarkFailure($"seam serve did not answer /health within {timeout.TotalSeconds:0} s:\n{string.Join('\n', _output)}");
    }

    private static int FreeLoopbackPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
