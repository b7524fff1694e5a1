using Seam.Bench.Api;
using Seam.Bench.Audit;
using Seam.Bench.Discovery;
using Seam.Bench.Exposure;
using Seam.Bench.Governance;
using Seam.Bench.Harness;
using Seam.Bench.Import;
using Seam.Bench.Intelligence;
using Seam.Bench.Memory;
using Seam.Storage;

// The scale harness: macro measurements of Seam against its targets and its peers. See docs/benchmarks.md.
if (args is [PeakMemoryProbe.ChildMode, ..])
{
    // The exposure mode starts the harness again in this hidden mode to measure one analysis's peak memory alone.
    return PeakMemoryProbe.RunChild(args);
}

if (args is [AuditBenchmark.Mode, .. var auditArgs])
{
    return await AuditBenchmark.RunFromCommandLineAsync(auditArgs, CancellationToken.None);
}

if (args is [DiscoveryBenchmark.Mode, .. var discoveryArgs])
{
    return await DiscoveryBenchmark.RunFromCommandLineAsync(discoveryArgs, CancellationToken.None);
}

var arguments = BenchArguments.Parse(args, out var error);
if (arguments is null)
{
    Console.Error.WriteLine(error);
    Console.Error.WriteLine(BenchArguments.Usage);
    return 2;
}

if (Console.IsOutputRedirected)
{
    // Spectre.Console assumes 80 columns when it cannot ask the terminal; the tables need more.
    Spectre.Console.AnsiConsole.Profile.Width = 140;
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    switch (arguments.Mode)
    {
        case BenchMode.Import:
            await RunImportAsync(arguments);
            break;
        case BenchMode.Api:
            await RunApiAsync(arguments);
            break;
        case BenchMode.Memory:
            await RunMemoryAsync(arguments);
            break;
        case BenchMode.Intel:
            await RunIntelAsync(arguments, null, [DatabaseProvider.Sqlite, DatabaseProvider.Postgres]);
            break;
        case BenchMode.Exposure:
            await RunExposureAsync(arguments, arguments.Sizes ?? ExposureBenchmark.DefaultSizes, withPeer: !arguments.Quick);
            break;
        case BenchMode.Governance:
            await RunGovernanceAsync(arguments);
            break;
        case BenchMode.Smoke:
            await RunSmokeAsync(arguments);
            break;
    }

    return 0;
}
catch (BenchmarkFailure failure)
{
    Console.Error.WriteLine($"seam bench {arguments.Mode.ToString().ToLowerInvariant()}: {failure.Message}");
    return 1;
}
catch (OperationCanceledException) when (cancel.IsCancellationRequested)
{
    Console.Error.WriteLine("Cancelled.");
    return 130;
}

async Task<ImportResult> RunImportAsync(BenchArguments a, bool write = true)
{
    var result = await new ImportBenchmark(a).RunAsync(cancel.Token);
    ResultTables.Show(result);
    Saved(write ? ResultsFile.Write(a, result) : null);
    return result;
}

async Task<ApiResult> RunApiAsync(BenchArguments a, bool write = true)
{
    var result = await new ApiBenchmark(a).RunAsync(cancel.Token);
    ResultTables.Show(result);
    Saved(write ? ResultsFile.Write(a, result) : null);
    return result;
}

async Task<MemoryResult> RunMemoryAsync(BenchArguments a, bool write = true)
{
    var result = await new MemoryBenchmark(a).RunAsync(cancel.Token);
    ResultTables.Show(result);
    Saved(write ? ResultsFile.Write(a, result) : null);
    return result;
}

async Task<IntelligenceResult> RunIntelAsync(BenchArguments a, int? documents, IReadOnlyList<DatabaseProvider> providers, bool write = true)
{
    var result = await new IntelligenceBenchmark(a, documents, providers).RunAsync(cancel.Token);
    IntelligenceTables.Show(result);
    Saved(write ? ResultsFile.Write(a, result) : null);
    var failures = result.Imports.SelectMany(i => i.Failures).ToList();
    if (failures.Count > 0)
    {
        throw new BenchmarkFailure($"{failures.Count} import step(s) failed; first: {failures[0]}");
    }

    return result;
}

async Task<ExposureResult> RunExposureAsync(BenchArguments a, IReadOnlyList<int> sizes, bool withPeer, bool write = true)
{
    var result = await new ExposureBenchmark(a, sizes, withPeer, measureMemory: !a.Quick).RunAsync(cancel.Token);
    ExposureTables.Show(result);
    Saved(write ? ResultsFile.Write(a, result) : null);
    return result;
}

// Every mode at a tiny size, once, for CI: proves the harness runs end to end. Timings are printed, never judged.
async Task RunSmokeAsync(BenchArguments a)
{
    var tiny = a with { Assets = a.Assets ?? 2_000, Repetitions = 1, Warmup = 0 };
    var import = await RunImportAsync(tiny, write: false);
    var api = await RunApiAsync(tiny with { Warmup = 1, Requests = 3 }, write: false);
    var memory = await RunMemoryAsync(tiny with { Assets = null, Requests = 4 }, write: false);
    var intel = await RunIntelAsync(tiny with { Assets = a.Assets ?? 1_000, Passes = 1 }, documents: 10, [DatabaseProvider.Sqlite], write: false);
    var exposure = await RunExposureAsync(tiny with { Warmup = 0 }, [1_000], withPeer: false, write: false);
    await AuditBenchmark.RunAsync(new AuditBenchOptions(Entries: 2_000, Batch: 500, Runs: 1, Write: false), cancel.Token);
    var governance = await RunGovernanceAsync(tiny with { Decisions = 200, Warmup = 1, Requests = 3 }, write: false);
    await DiscoveryBenchmark.RunAsync(new DiscoveryBenchOptions(SizeMegabytes: 5, WithTshark: false, Write: false), cancel.Token);
    Saved(ResultsFile.Write(a, new { import, api, memory, intel, exposure, governance }));
}

async Task<GovernanceResult> RunGovernanceAsync(BenchArguments a, bool write = true)
{
    var result = await new GovernanceBenchmark(a).RunAsync(cancel.Token);
    Saved(write ? ResultsFile.Write(a, result) : null);
    return result;
}

static void Saved(string? path)
{
    if (path is not null)
    {
        Console.WriteLine($"Results: {Path.GetRelativePath(Environment.CurrentDirectory, path)}");
    }
}
