using System.Globalization;
using Seam.Inventory.Demo;

namespace Seam.Bench.Harness;

public enum BenchMode
{
    Import,
    Api,
    Memory,
    Intel,
    Exposure,
    Governance,
    Smoke,
}

/// <summary>The command line: <c>&lt;mode&gt; [--assets N] [--repetitions N] [--warmup N] [--requests N] [--seed N] [--out DIR]</c>.</summary>
/// <param name="Assets">Assets in the generated model; null means the mode's default.</param>
/// <param name="Repetitions">Measured repetitions per import variant; the median is reported.</param>
/// <param name="Warmup">Unmeasured runs (import) or requests per query shape (api) before measuring.</param>
/// <param name="Requests">Measured requests per query shape (api) or rounds over the endpoints (memory).</param>
public sealed record BenchArguments(
    BenchMode Mode,
    int? Assets,
    int Repetitions,
    int Warmup,
    int? Requests,
    int Seed,
    string? ResultsFolder)
{
    /// <summary>Intel: measured passes over the advisories per pipeline variant; null means the mode's default.</summary>
    public int? Passes { get; init; }

    /// <summary>Exposure: company sizes in assets; null means the mode's default (1,000, 10,000 and 100,000).</summary>
    public IReadOnlyList<int>? Sizes { get; init; }

    /// <summary>Governance: decision requests stored before measuring; null means the mode's default (10,000).</summary>
    public int? Decisions { get; init; }

    /// <summary>Exposure: time only the recompute, its stages, the what-ifs and the searches (no NetworkX, no peak-memory child, no explain-all).</summary>
    public bool Quick { get; init; }

    public const string Usage = """
        Usage: dotnet run --project bench/Seam.Bench -c Release -- <mode> [options]

        Modes:
          import   Seam's full CSV import into SQLite and PostgreSQL vs PostgreSQL's own \copy (default 100,000 assets)
          api      latency of the asset list API on the real server, in process, over SQLite (default 100,000 assets)
          memory   resident memory of the real `seam serve --demo` process before and after load
          intel    CSAF parse + validate + match throughput vs a bare JSON parse, and the full CSAF + KEV + EPSS import
                   into SQLite and PostgreSQL (default 100,000 assets, the 300 corpus advisories)
          exposure the exposure engine's full recompute, what-ifs and peak memory on generated companies, and NetworkX's
                   reachability and Dijkstra on the same attack graph (default 1,000, 10,000 and 100,000 assets)
          governance the inbox and request API on the real server over SQLite with N decision requests (default 10,000)
          smoke    all six at tiny sizes, once; proves the harness works (CI), asserts nothing about timings

        Options:
          --assets N        assets in the generated model (memory: default is the ~400-asset demo)
          --repetitions N   measured runs per import variant or exposure measurement (default 3; the median is reported)
          --runs N          the same as --repetitions
          --sizes A,B,…     exposure: company sizes in assets (default 1000,10000,100000)
          --warmup N        import: unmeasured runs per variant (default 1); api: requests per shape (default 20);
                            intel: warm-up rounds over every pipeline variant (default 3); exposure: runs before measuring (default 1)
          --passes N        intel: measured passes over the advisories per pipeline variant (default 5)
          --requests N      api: measured requests per query shape (default 200); memory: rounds over the endpoints (default 50)
          --decisions N     governance: decision requests stored before measuring (default 10000)
          --seed N          seed of the generated model (default 2026)
          --quick yes       exposure: only the recompute, its stages, the what-ifs and the searches; no NetworkX,
                            no peak-memory child, no explain-all (for working on the engine; not for reporting)
          --out DIR         where the JSON results go (default bench/results)
        """;

    public static BenchArguments? Parse(IReadOnlyList<string> args, out string? error)
    {
        error = null;
        if (args.Count == 0 || !Enum.TryParse<BenchMode>(args[0], ignoreCase: true, out var mode) || int.TryParse(args[0], out _))
        {
            error = args.Count == 0 ? "Name a mode." : $"Unknown mode '{args[0]}'.";
            return null;
        }

        var parsed = new BenchArguments(mode, null, 3, -1, null, DemoPlant.DefaultSeed, null);
        for (var i = 1; i < args.Count; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Count)
            {
                error = $"{name} needs a value.";
                return null;
            }

            var value = args[++i];
            if (name == "--out")
            {
                parsed = parsed with { ResultsFolder = value };
                continue;
            }

            if (name == "--quick")
            {
                parsed = parsed with { Quick = value is "yes" or "true" or "1" };
                continue;
            }

            if (name == "--sizes")
            {
                var sizes = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(v => int.TryParse(v.Replace("_", "", StringComparison.Ordinal), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1)
                    .ToList();
                if (sizes.Count == 0 || sizes.Any(n => n < 1))
                {
                    error = $"--sizes takes whole numbers separated by commas, not '{value}'.";
                    return null;
                }

                parsed = parsed with { Sizes = sizes };
                continue;
            }

            if (!int.TryParse(value.Replace("_", "", StringComparison.Ordinal).Replace(",", "", StringComparison.Ordinal),
                    NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                error = $"{name} takes a whole number, not '{value}'.";
                return null;
            }

            switch (name)
            {
                case "--assets":
                    parsed = parsed with { Assets = number };
                    break;
                case "--repetitions" or "--runs" when number >= 1:
                    parsed = parsed with { Repetitions = number };
                    break;
                case "--warmup":
                    parsed = parsed with { Warmup = number };
                    break;
                case "--requests" when number >= 1:
                    parsed = parsed with { Requests = number };
                    break;
                case "--passes" when number >= 1:
                    parsed = parsed with { Passes = number };
                    break;
                case "--decisions" when number >= 1:
                    parsed = parsed with { Decisions = number };
                    break;
                case "--seed":
                    parsed = parsed with { Seed = number };
                    break;
                default:
                    error = $"Unknown option {name} (or a value below 1 for it).";
                    return null;
            }
        }

        return parsed;
    }
}
