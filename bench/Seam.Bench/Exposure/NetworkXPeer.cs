using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Seam.Bench.Harness;

namespace Seam.Bench.Exposure;

/// <summary>What bench/networkx/baseline.py reported, times in milliseconds.</summary>
/// <param name="LoadMilliseconds">Reading the export and building the DiGraph; not part of any comparison.</param>
/// <param name="DijkstraLengths">Dijkstra without paths, when asked for; null otherwise.</param>
public sealed record NetworkXRun(
    string Python,
    string NetworkX,
    int Nodes,
    long Edges,
    int Sources,
    int Reached,
    int LongestPathHops,
    double LoadMilliseconds,
    Stats Reachability,
    Stats DijkstraWithPaths,
    Stats? DijkstraLengths);

/// <summary>
/// Runs the NetworkX baseline (<c>/usr/bin/python3 bench/networkx/baseline.py</c>, Debian's python3-networkx) on an
/// exported graph and checks its answers against the harness's own searches: the same reachable set, and the same distance
/// for every node within 1e-6 relative (1e-9 absolute near 0). A disagreement fails the run.
/// </summary>
public static class NetworkXPeer
{
    public const string Python = "/usr/bin/python3";

    public static string Script => Path.Combine(Repository.Root, "bench", "networkx", "baseline.py");

    /// <summary>The installed NetworkX version, or null when Debian's python3-networkx is missing.</summary>
    public static async Task<string?> VersionAsync(CancellationToken cancellationToken)
    {
        if (!File.Exists(Python))
        {
            return null;
        }

        var outcome = await ProcessRunner.RunAsync(Python, ["-c", "import networkx; print(networkx.__version__)"], TimeSpan.FromSeconds(60),
            cancellationToken: cancellationToken);
        return outcome.ExitCode == 0 ? outcome.StandardOutput.Trim() : null;
    }

    public static async Task<NetworkXRun> RunAsync(string exportPath, int warmup, int runs, bool lengths, bool[] reachable, ShortestPaths paths,
        CancellationToken cancellationToken)
    {
        var prefix = exportPath + ".nx";
        List<string> arguments = [Script, exportPath, "--out", prefix, "--runs", runs.ToString(CultureInfo.InvariantCulture),
            "--warmup", warmup.ToString(CultureInfo.InvariantCulture)];
        if (lengths)
        {
            arguments.Add("--lengths");
        }

        var outcome = await ProcessRunner.RunAsync(Python, arguments, TimeSpan.FromMinutes(30), cancellationToken: cancellationToken);
        if (outcome.ExitCode != 0)
        {
            throw new BenchmarkFailure($"{Path.GetFileName(Script)} exited with {outcome.ExitCode}: {Last(outcome.StandardError)}");
        }

        NetworkXRun run;
        try
        {
            using var json = JsonDocument.Parse(outcome.StandardOutput);
            var root = json.RootElement;
            var lengthSeconds = Milliseconds(root, "dijkstraLengthsSeconds");
            run = new NetworkXRun(
                root.GetProperty("python").GetString()!,
                root.GetProperty("networkx").GetString()!,
                root.GetProperty("nodes").GetInt32(),
                root.GetProperty("edges").GetInt64(),
                root.GetProperty("sources").GetInt32(),
                root.GetProperty("reached").GetInt32(),
                root.GetProperty("longestPathHops").GetInt32(),
                root.GetProperty("loadSeconds").GetDouble() * 1000,
                Stats.Of(Milliseconds(root, "reachSeconds")),
                Stats.Of(Milliseconds(root, "dijkstraSeconds")),
                lengthSeconds.Count > 0 ? Stats.Of(lengthSeconds) : null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new BenchmarkFailure($"{Path.GetFileName(Script)} printed something other than its JSON result ({e.Message}): {Last(outcome.StandardOutput)}");
        }

        try
        {
            Compare(prefix, reachable, paths);
        }
        finally
        {
            File.Delete(prefix + ".reach");
            File.Delete(prefix + ".dist");
        }

        return run;
    }

    private static void Compare(string prefix, bool[] reachable, ShortestPaths paths)
    {
        var reach = File.ReadAllBytes(prefix + ".reach");
        var distances = File.ReadAllBytes(prefix + ".dist");
        var n = reachable.Length;
        if (reach.Length != n || distances.Length != 8L * n)
        {
            throw new BenchmarkFailure($"NetworkX wrote results for {reach.Length} nodes ({distances.Length} distance bytes); the graph has {n}.");
        }

        var reachMismatches = 0;
        var distanceMismatches = 0;
        string? first = null;
        for (var node = 0; node < n; node++)
        {
            if ((reach[node] == 1) != reachable[node])
            {
                reachMismatches++;
                first ??= $"node {node}: NetworkX says {(reach[node] == 1 ? "reached" : "not reached")}, Seam's search {(reachable[node] ? "reached" : "not reached")}";
            }

            var theirs = BinaryPrimitives.ReadDoubleLittleEndian(distances.AsSpan(node * 8, 8));
            var ours = paths.Distance[node];
            if (!SameDistance(theirs, ours))
            {
                distanceMismatches++;
                first ??= string.Create(CultureInfo.InvariantCulture, $"node {node}: NetworkX distance {theirs:R}, Seam's {ours:R}");
            }
        }

        if (reachMismatches + distanceMismatches > 0)
        {
            throw new BenchmarkFailure($"NetworkX and Seam disagree: {reachMismatches} node(s) differ in reachability, {distanceMismatches} in distance; first: {first}.");
        }
    }

    private static bool SameDistance(double a, double b)
    {
        if (double.IsPositiveInfinity(a) || double.IsPositiveInfinity(b))
        {
            return a == b;
        }

        var difference = Math.Abs(a - b);
        return difference <= 1e-9 || difference <= 1e-6 * Math.Max(Math.Abs(a), Math.Abs(b));
    }

    private static List<double> Milliseconds(JsonElement root, string name) =>
        [.. root.GetProperty(name).EnumerateArray().Select(e => e.GetDouble() * 1000)];

    private static string Last(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length <= 600 ? trimmed : "…" + trimmed[^600..];
    }
}
