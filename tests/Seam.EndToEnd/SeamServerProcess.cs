using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Seam.EndToEnd;

/// <summary>The real <c>seam serve</c> executable on a free local port, started as a separate process.</summary>
public sealed class SeamServerProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private SeamServerProcess(Process process, string baseUrl)
    {
        this.process = process;
        BaseUrl = baseUrl;
    }

    public string BaseUrl { get; }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>The built `seam` CLI of the same configuration as this test assembly.</summary>
    public static string CliPath()
    {
        var root = RepositoryRoot();
        var configuration = typeof(SeamServerProcess).Assembly.Location.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";
        var dll = Path.Combine(root, "src", "Seam.Cli", "bin", configuration, "net10.0", "seam.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The seam CLI is not built at {dll}. Run 'dotnet build src/Seam.Cli -c {configuration}' (the test project references it so a normal 'dotnet test' builds it).");
        }

        return dll;
    }

    public static async Task<SeamServerProcess> StartAsync(string databasePath, bool demo = false)
    {
        var dll = CliPath();
        var url = $"http://127.0.0.1:{FreePort()}";
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { dll, "serve", "--db", databasePath, "--urls", url },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        if (demo)
        {
            start.ArgumentList.Add("--demo");
        }

        // The environment a newcomer gets from `seam serve`: Production, not Development.
        start.Environment.Remove("ASPNETCORE_ENVIRONMENT");
        start.Environment.Remove("DOTNET_ENVIRONMENT");
        start.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start dotnet.");
        var server = new SeamServerProcess(process, url);
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilHealthyAsync();
        return server;
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilHealthyAsync()
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"seam serve exited with code {process.ExitCode}:\n{Output}");
            }

            try
            {
                var response = await http.GetAsync(BaseUrl + "/login");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"seam serve did not answer at {BaseUrl} within 60 s:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }

        process.Dispose();
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Seam.slnx")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No Seam.slnx above {AppContext.BaseDirectory}.");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
