using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Seam.Access;
using Seam.Bench.Harness;
using Seam.Inventory;
using Seam.Inventory.Demo;
using Seam.Server;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Seam.Testing.Databases;

namespace Seam.Bench.Api;

/// <summary>One kind of asset-list request; <see cref="PathFor"/> takes the request number so filters can rotate over values.</summary>
/// <param name="ValueOf">For a shape whose values differ in cost (search terms), the value of request i, to report each one apart.</param>
public sealed record QueryShape(string Name, Func<int, string> PathFor, Func<int, string>? ValueOf = null);

/// <param name="Example">The first measured request's path.</param>
/// <param name="Total">The list's <c>total</c> for that request: proof that the shape selects something.</param>
/// <param name="StoppedEarly">The shape hit the per-shape time limit before all requests were made.</param>
/// <param name="ByValue">Latency per value, for shapes with <see cref="QueryShape.ValueOf"/>; empty otherwise.</param>
public sealed record ShapeResult(
    string Name, string Example, int Total, int Items, Stats Milliseconds, bool StoppedEarly, IReadOnlyDictionary<string, Stats> ByValue);

public sealed record ApiResult(
    MachineSnapshot Machine,
    int Assets,
    double LoadSeconds,
    int WarmupPerShape,
    int RequestsPerShape,
    IReadOnlyList<ShapeResult> Shapes,
    Stats Overall,
    string? LoadAverageAfter);

/// <summary>
/// The asset list API at scale: N assets in a SQLite database (written by <see cref="InventoryStore"/>), the real server
/// in this process on a free loopback port, an API token, then sequential requests from one client per query shape.
/// Latency is measured at the client, from sending the request to having read the whole body.
/// </summary>
public sealed class ApiBenchmark(BenchArguments arguments)
{
    public const int DefaultAssets = 100_000;
    public const int DefaultRequestsPerShape = 200;
    public const int DefaultWarmupPerShape = 20;

    /// <summary>A shape that is slow beyond reason stops here rather than holding the machine for an hour.</summary>
    private static readonly TimeSpan ShapeTimeLimit = TimeSpan.FromSeconds(90);

    public async Task<ApiResult> RunAsync(CancellationToken cancellationToken)
    {
        var assets = arguments.Assets ?? DefaultAssets;
        var requests = arguments.Requests ?? DefaultRequestsPerShape;
        var warmup = arguments.Warmup < 0 ? DefaultWarmupPerShape : arguments.Warmup;
        var machine = MachineSnapshot.Take(Repository.Root);

        var model = DemoPlant.CreateScaled(assets, arguments.Seed);
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, cancellationToken);
        var clock = Stopwatch.StartNew();
        var written = await database.CreateInventoryStore().ApplyAsync(model, ImportMode.Replace, "bench", null, cancellationToken);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        if (!written.Applied)
        {
            throw new BenchmarkFailure($"The generated model was not stored: {written.Errors.FirstOrDefault()}");
        }

        Console.WriteLine($"Stored {assets:N0} assets in SQLite in {loadSeconds:0.0} s.");

        // Before the server starts: with an account in place it has no setup token to announce.
        var token = await CreateTokenAsync(database, cancellationToken);
        var app = SeamServer.Build(new ServerOptions
        {
            Database = database.Options,
            Urls = "http://127.0.0.1:0",

            // Request logging would measure the console as much as the server; the harness has no web root to warn about.
            Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" },
        });
        await app.StartAsync(cancellationToken);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

            var shapes = new List<ShapeResult>();
            var all = new List<double>();
            foreach (var shape in Shapes(model))
            {
                var result = await MeasureAsync(client, shape, warmup, requests, all, cancellationToken);
                Console.WriteLine($"  {shape.Name}: p50 {result.Milliseconds.Median:0.0} ms, p95 {result.Milliseconds.P95:0.0} ms ({result.Total:N0} matching)");
                shapes.Add(result);
            }

            return new ApiResult(machine, assets, loadSeconds, warmup, requests, shapes, Stats.Of(all), MachineSnapshot.LoadAverageNow());
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>What a person or a script does with the asset list: browse, search, filter, sort, page far.</summary>
    public static IReadOnlyList<QueryShape> Shapes(InventoryModel model)
    {
        // Filters rotate over real values, so the benchmark is not one cached plan for one value.
        var busiestZones = model.Assets.Where(a => a.ZoneId is not null).GroupBy(a => a.ZoneId!)
            .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).Take(10).Select(g => g.Key).ToArray();
        var middle = model.Assets[model.Assets.Count / 2];
        string[] searches = ["siemens", "1500", middle.Name];
        var deepPage = Math.Max(1, (model.Assets.Count / 50) - 1);

        return
        [
            new("default list", _ => "/api/v1/assets"),
            new("pageSize=500", _ => "/api/v1/assets?pageSize=500"),
            new("search q", i => "/api/v1/assets?q=" + Uri.EscapeDataString(searches[i % searches.Length]), i => searches[i % searches.Length]),
            new("filter zone", i => "/api/v1/assets?zone=" + Uri.EscapeDataString(busiestZones[i % busiestZones.Length])),
            new("kind=plc & minCriticality=4", _ => "/api/v1/assets?kind=plc&minCriticality=4"),
            new("sort=-criticality", _ => "/api/v1/assets?sort=-criticality"),
            new($"deep page ({deepPage:N0})", _ => string.Create(CultureInfo.InvariantCulture, $"/api/v1/assets?page={deepPage}")),
        ];
    }

    private static async Task<ShapeResult> MeasureAsync(
        HttpClient client, QueryShape shape, int warmup, int requests, List<double> all, CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await GetAsync(client, shape.PathFor(i), cancellationToken);
        }

        var example = shape.PathFor(0);
        using (var first = JsonDocument.Parse(await GetAsync(client, example, cancellationToken)))
        {
            var total = first.RootElement.GetProperty("total").GetInt32();
            var items = first.RootElement.GetProperty("items").GetArrayLength();
            if (total == 0 || items == 0)
            {
                throw new BenchmarkFailure($"The query shape '{shape.Name}' ({example}) selects no assets; it would measure nothing.");
            }

            var latencies = new List<double>(requests);
            var byValue = new Dictionary<string, List<double>>(StringComparer.Ordinal);
            var shapeClock = Stopwatch.StartNew();
            for (var i = 0; i < requests && shapeClock.Elapsed < ShapeTimeLimit; i++)
            {
                var path = shape.PathFor(i);
                var start = Stopwatch.GetTimestamp();
                await GetAsync(client, path, cancellationToken);
                var milliseconds = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
                latencies.Add(milliseconds);
                if (shape.ValueOf is { } valueOf)
                {
                    var value = valueOf(i);
                    (byValue.TryGetValue(value, out var list) ? list : byValue[value] = []).Add(milliseconds);
                }
            }

            all.AddRange(latencies);
            return new ShapeResult(shape.Name, example, total, items, Stats.Of(latencies), latencies.Count < requests,
                byValue.ToDictionary(v => v.Key, v => Stats.Of(v.Value), StringComparer.Ordinal));
        }
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkFailure($"GET {path} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        }

        return body;
    }

    /// <summary>A viewer on every site and an API token for it, made the way the CLI makes them.</summary>
    private static async Task<string> CreateTokenAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var (user, error) = await new UserAccounts(db, TimeProvider.System)
            .CreateAsync("bench", null, "bench-" + Guid.NewGuid().ToString("N"), [(Role.Viewer, null)], "bench", cancellationToken);
        if (user is null)
        {
            throw new BenchmarkFailure($"Could not create the benchmark user: {error!.Message}");
        }

        var (_, secret) = await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "bench", null, "bench", cancellationToken);
        return secret;
    }
}
