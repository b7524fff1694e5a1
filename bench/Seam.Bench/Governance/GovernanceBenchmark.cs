using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Seam.Access;
using Seam.Bench.Harness;
using Seam.Governance.Policy;
using Seam.Inventory;
using Seam.Server;
using Seam.Server.Features.Auth;
using Seam.Storage;
using Seam.Storage.Exposure;
using Seam.Storage.Governance;
using Seam.Testing.Databases;

namespace Seam.Bench.Governance;

/// <param name="Waiting">Requests in the measured user's inbox (their teams are asked).</param>
public sealed record GovernanceEndpointResult(string Name, string Path, int Items, Stats Milliseconds);

public sealed record GovernanceResult(
    MachineSnapshot Machine,
    int Requests,
    int Sites,
    double LoadSeconds,
    int OpenRequests,
    int Waiting,
    int WarmupPerEndpoint,
    int RequestsPerEndpoint,
    IReadOnlyList<GovernanceEndpointResult> Endpoints,
    string? LoadAverageAfter);

/// <summary>
/// Decision requests at scale: N requests written through <see cref="GovernanceService"/> (drafted, submitted, routed by
/// a published policy, about half of the reviewed ones decided) into SQLite, then the real server in this process and
/// sequential requests from one client to the inbox of an approver whose two teams are asked in a fifth of them, and
/// to the request list, one request and the stall statistics for comparison. Latency is measured at the client.
/// </summary>
public sealed class GovernanceBenchmark(BenchArguments arguments)
{
    public const int DefaultRequests = 10_000;
    public const int DefaultRequestsPerEndpoint = 200;
    public const int DefaultWarmupPerEndpoint = 20;
    private const int Sites = 5;
    private const string Approver = "ot.lead";

    public async Task<GovernanceResult> RunAsync(CancellationToken cancellationToken)
    {
        var count = arguments.Decisions ?? DefaultRequests;
        var requests = arguments.Requests ?? DefaultRequestsPerEndpoint;
        var warmup = arguments.Warmup < 0 ? DefaultWarmupPerEndpoint : arguments.Warmup;
        var machine = MachineSnapshot.Take(Repository.Root);

        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, cancellationToken);
        var written = await database.CreateInventoryStore().ApplyAsync(Plant(), ImportMode.Replace, "bench", null, cancellationToken);
        if (!written.Applied)
        {
            throw new BenchmarkFailure($"The bench plant was not stored: {written.Errors.FirstOrDefault()}");
        }

        var contexts = new SeamDbContextFactory(database.Options);
        var service = new GovernanceService(contexts, TimeProvider.System, new ExposureService(contexts, TimeProvider.System));
        var published = await service.PublishPolicyAsync(Policy(), "bench-policy.yaml", "bench", cancellationToken);
        if (!published.Succeeded)
        {
            throw new BenchmarkFailure("The bench policy did not publish: " + string.Join("; ", published.Problems) + published.Refusal);
        }

        var clock = Stopwatch.StartNew();
        await LoadAsync(service, count, cancellationToken);
        var loadSeconds = clock.Elapsed.TotalSeconds;
        var open = (await service.ListAsync(new RequestFilter { Open = true, Limit = 1 }, cancellationToken)).Total;
        var waiting = (await service.InboxAsync(Approver, limit: 1000, cancellationToken: cancellationToken)).Count;
        Console.WriteLine($"Stored {count:N0} requests through the governance service in {loadSeconds:0.0} s; {open:N0} await a decision, {waiting:N0} in {Approver}'s inbox (first 1,000).");

        var token = await CreateTokenAsync(database, cancellationToken);
        var app = SeamServer.Build(new ServerOptions
        {
            Database = database.Options,
            Urls = "http://127.0.0.1:0",
            Settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Error" },
        });
        await app.StartAsync(cancellationToken);
        try
        {
            using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromSeconds(30) };
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            var middle = string.Create(CultureInfo.InvariantCulture, $"REQ-{count / 2:0000}");
            (string Name, string Path)[] endpoints =
            [
                ("inbox", "/api/v1/inbox"),
                ("open requests, first page", "/api/v1/requests?open=true"),
                ("one request with timeline", "/api/v1/requests/" + middle),
                ("stall statistics", "/api/v1/governance/stats"),
            ];
            var results = new List<GovernanceEndpointResult>();
            foreach (var (name, path) in endpoints)
            {
                var result = await MeasureAsync(client, name, path, warmup, requests, cancellationToken);
                Console.WriteLine($"  {name}: p50 {result.Milliseconds.Median:0.0} ms, p95 {result.Milliseconds.P95:0.0} ms ({result.Items:N0} item(s))");
                results.Add(result);
            }

            return new GovernanceResult(machine, count, Sites, loadSeconds, open, waiting, warmup, requests, results, MachineSnapshot.LoadAverageNow());
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
        }
    }

    /// <summary>
    /// Seven in ten are PLC firmware (single owner: the site's OT team), two in ten office patches (fast lane), one in
    /// ten privileged access (IT and OT jointly); half of the reviewed ones are then approved.
    /// </summary>
    private static async Task LoadAsync(GovernanceService service, int count, CancellationToken cancellationToken)
    {
        for (var i = 1; i <= count; i++)
        {
            var site = $"s{i % Sites}";
            var (scenario, asset) = (i % 10) switch
            {
                < 7 => (DecisionScenario.Firmware, $"{site}-plc"),
                < 9 => (DecisionScenario.Patch, $"{site}-pc"),
                _ => (DecisionScenario.PrivilegedAccess, $"{site}-plc"),
            };
            var created = await service.CreateAsync(new NewRequest
            {
                Scenario = scenario,
                SiteId = site,
                Title = $"Bench request {i}",
                AssetIds = [asset],
                Submit = true,
            }, $"requester{i % 50}", cancellationToken);
            if (created.Value is not { } stored)
            {
                throw new BenchmarkFailure($"Request {i} was refused: {created.Error}");
            }

            if (i % 2 == 0 && stored.WaitingFor is [var team, ..])
            {
                var decided = await service.RecordViewAsync(stored.Request.Id, $"{team}.member", team, approves: true, null, cancellationToken);
                if (!decided.Succeeded)
                {
                    throw new BenchmarkFailure($"Request {i} could not be decided: {decided.Error}");
                }
            }
        }
    }

    private static InventoryModel Plant()
    {
        var sites = Enumerable.Range(0, Sites).Select(s => $"s{s}").ToList();
        return new InventoryModel
        {
            Sites = [.. sites.Select(s => new Site { Id = s, Name = $"Site {s}" })],
            Zones =
            [
                .. sites.SelectMany(s => new[]
                {
                    new Zone { Id = $"{s}-office", SiteId = s, Name = "Office", Level = PurdueLevel.Enterprise },
                    new Zone { Id = $"{s}-cell", SiteId = s, Name = "Cell", Level = PurdueLevel.BasicControl },
                }),
            ],
            Assets =
            [
                .. sites.SelectMany(s => new[]
                {
                    new Asset { Id = $"{s}-pc", SiteId = s, ZoneId = $"{s}-office", Name = "Office PC", Kind = AssetKind.Workstation, Criticality = 2 },
                    new Asset { Id = $"{s}-plc", SiteId = s, ZoneId = $"{s}-cell", Name = "PLC", Kind = AssetKind.Plc, Criticality = 4 },
                }),
            ],
        };
    }

    /// <summary>Per site an IT and an OT team and three rules; the measured approver sits in the OT teams of sites 0 and 1.</summary>
    private static string Policy()
    {
        var text = new StringBuilder("version: 1\nseam-owner: seam\nteams:\n  - { id: seam, name: Seam owner, side: joint, members: [seam.member] }\n");
        for (var s = 0; s < Sites; s++)
        {
            var lead = s < 2 ? $", {Approver}" : string.Empty;
            text.Append(CultureInfo.InvariantCulture, $"  - {{ id: s{s}.it, name: IT {s}, side: it, members: [s{s}.it.member], escalates-to: seam }}\n");
            text.Append(CultureInfo.InvariantCulture, $"  - {{ id: s{s}.ot, name: OT {s}, side: ot, members: [s{s}.ot.member{lead}], escalates-to: seam }}\n");
        }

        text.Append("rules:\n");
        for (var s = 0; s < Sites; s++)
        {
            text.Append(CultureInfo.InvariantCulture, $$"""
                  - { id: s{{s}}-office, scenarios: [change/*], scope: { sites: [s{{s}}], purdue-levels: [4, 5] }, responsible: s{{s}}.it, approvers: { any-of: [s{{s}}.it] }, informed: [s{{s}}.ot], deadline: 3d }
                  - { id: s{{s}}-control, scenarios: [change/*], scope: { sites: [s{{s}}], purdue-levels: [0, 1, 2, 3] }, responsible: s{{s}}.ot, approvers: { all-of: [s{{s}}.ot] }, deadline: 5d }
                  - { id: s{{s}}-access, scenarios: [access/*], scope: { sites: [s{{s}}] }, responsible: s{{s}}.it, approvers: { all-of: [s{{s}}.ot, s{{s}}.it] }, deadline: 1d }

                """);
        }

        return text.ToString();
    }

    private static async Task<GovernanceEndpointResult> MeasureAsync(HttpClient client, string name, string path, int warmup, int requests,
        CancellationToken cancellationToken)
    {
        for (var i = 0; i < warmup; i++)
        {
            await GetAsync(client, path, cancellationToken);
        }

        using (var first = JsonDocument.Parse(await GetAsync(client, path, cancellationToken)))
        {
            var root = first.RootElement;
            var items = root.ValueKind == JsonValueKind.Array ? root.GetArrayLength()
                : root.TryGetProperty("items", out var list) ? list.GetArrayLength() : 1;
            if (items == 0)
            {
                throw new BenchmarkFailure($"{name} ({path}) returned nothing; it would measure nothing.");
            }

            var latencies = new List<double>(requests);
            for (var i = 0; i < requests; i++)
            {
                var start = Stopwatch.GetTimestamp();
                await GetAsync(client, path, cancellationToken);
                latencies.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
            }

            return new GovernanceEndpointResult(name, path, items, Stats.Of(latencies));
        }
    }

    private static async Task<byte[]> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchmarkFailure($"GET {path} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        }

        return body;
    }

    /// <summary>The approver, on every site, with an API token, made the way the CLI makes them.</summary>
    private static async Task<string> CreateTokenAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        await using var db = database.CreateContext();
        var (user, error) = await new UserAccounts(db, TimeProvider.System)
            .CreateAsync(Approver, null, "bench-" + Guid.NewGuid().ToString("N"), [(Role.Approver, null)], "bench", cancellationToken);
        if (user is null)
        {
            throw new BenchmarkFailure($"Could not create the benchmark user: {error!.Message}");
        }

        var (_, secret) = await new ApiTokens(db, TimeProvider.System).CreateAsync(user.Id, "bench", null, "bench", cancellationToken);
        return secret;
    }
}
