using System.Diagnostics;
using System.Net.Http.Headers;
using Microsoft.Data.Sqlite;
using Seam.Bench.Harness;
using Seam.Inventory;
using Seam.Inventory.Demo;
using Seam.Storage;

namespace Seam.Bench.Memory;

public sealed record EndpointLoad(string Path, int Requests, Stats Milliseconds);

/// <param name="Assets">Assets in the database the server ran on: the demo's, or a scaled model loaded before start.</param>
/// <param name="AfterStart">Once /health answers.</param>
/// <param name="AfterLoad">After every endpoint was requested <see cref="Rounds"/> times; its HWM is the peak of the whole run.</param>
public sealed record MemoryResult(
    MachineSnapshot Machine,
    int Assets,
    int Rounds,
    double StartSeconds,
    ResidentMemory AfterStart,
    ResidentMemory AfterLoad,
    IReadOnlyList<EndpointLoad> Endpoints,
    int ExitCode,
    string? LoadAverageAfter);

/// <summary>
/// Memory of the real server process: <c>seam serve --demo</c> (Release build) over a temporary SQLite file, then the
/// health check, the sign-in page and, with an API token made by <c>seam users token</c>, the overview, the problems
/// and the asset list a bounded number of times; VmRSS and VmHWM from /proc. With <c>--assets N</c> the database holds a
/// scaled model of N assets instead (serve --demo keeps an inventory it finds and only adds the admin).
/// </summary>
public sealed class MemoryBenchmark(BenchArguments arguments)
{
    public const int DefaultRounds = 50;

    private static readonly string[] AnonymousPaths = ["/health", "/login"];
    private static readonly string[] ApiPaths = ["/api/v1/overview", "/api/v1/inventory/problems", "/api/v1/assets?pageSize=500"];

    public async Task<MemoryResult> RunAsync(CancellationToken cancellationToken)
    {
        var rounds = arguments.Requests ?? DefaultRounds;
        var machine = MachineSnapshot.Take(Repository.Root);
        var cli = await SeamServerProcess.CliAsync(cancellationToken);

        var folder = Path.Combine(Path.GetTempPath(), "seam-bench-memory-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(folder);
        var databasePath = Path.Combine(folder, "seam.db");
        try
        {
            var assets = arguments.Assets is { } scaled ? await LoadScaledAsync(databasePath, scaled, arguments.Seed, cancellationToken) : DemoPlant.Create().Assets.Count;

            var clock = Stopwatch.StartNew();
            var server = await SeamServerProcess.StartDemoAsync(cli, databasePath, cancellationToken);
            var startSeconds = clock.Elapsed.TotalSeconds;
            int exitCode;
            ResidentMemory afterStart, afterLoad;
            var endpoints = new List<EndpointLoad>();
            try
            {
                afterStart = ResidentMemory.Of(server.ProcessId);
                Console.WriteLine($"  seam serve (pid {server.ProcessId}) answered after {startSeconds:0.0} s; RSS {afterStart.RssMiB:0} MiB");

                var token = await SeamServerProcess.CreateTokenAsync(cli, databasePath, cancellationToken);
                using var anonymous = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                using var signedIn = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
                signedIn.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

                var latencies = AnonymousPaths.Concat(ApiPaths).ToDictionary(p => p, _ => new List<double>());
                for (var round = 0; round < rounds; round++)
                {
                    foreach (var path in AnonymousPaths)
                    {
                        latencies[path].Add(await TimedGetAsync(anonymous, path, cancellationToken));
                    }

                    foreach (var path in ApiPaths)
                    {
                        latencies[path].Add(await TimedGetAsync(signedIn, path, cancellationToken));
                    }
                }

                afterLoad = ResidentMemory.Of(server.ProcessId);
                endpoints.AddRange(latencies.Select(l => new EndpointLoad(l.Key, l.Value.Count, Stats.Of(l.Value))));
            }
            finally
            {
                exitCode = await server.StopAsync();
                await server.DisposeAsync();
            }

            return new MemoryResult(machine, assets, rounds, startSeconds, afterStart, afterLoad, endpoints, exitCode, MachineSnapshot.LoadAverageNow());
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> LoadScaledAsync(string databasePath, int assets, int seed, CancellationToken cancellationToken)
    {
        var database = DatabaseOptions.Sqlite(databasePath);
        await SeamDbContextFactory.PrepareAsync(database, cancellationToken);
        var store = new InventoryStore(new SeamDbContextFactory(database), TimeProvider.System);
        var written = await store.ApplyAsync(DemoPlant.CreateScaled(assets, seed), ImportMode.Replace, "bench", null, cancellationToken);
        if (!written.Applied)
        {
            throw new BenchmarkFailure($"The scaled model was not stored: {written.Errors.FirstOrDefault()}");
        }

        SqliteConnection.ClearAllPools();
        Console.WriteLine($"  Loaded {assets:N0} assets into {databasePath} before starting the server.");
        return assets;
    }

    private static async Task<double> TimedGetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkFailure($"GET {path} answered {(int)response.StatusCode}.");
        }

        return elapsed;
    }
}
