using System.Buffers.Binary;
using System.Globalization;
using System.Text.Json;
using Seam.Bench.Harness;

namespace Seam.Bench.Exposure;

/// <summary>One search's reachable set, per node, with who computed it (for the error message).</summary>
public sealed record ReachAnswer(string Name, bool[] Reached);

/// <summary>One search's distances (−ln likelihood, +∞ when unreached), per node, with who computed it.</summary>
public sealed record DistanceAnswer(string Name, double[] Distance);

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
/// exported graph and checks its answers against Seam's searches: the same reachable set, and the same distance for every
/// node within 1e-6 relative (1e-9 absolute near 0). A disagreement fails the run.
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

    /// <param name="reach">Seam's reachable sets; NetworkX's must equal each.</param>
    /// <param name="distance">Seam's distances; NetworkX's must agree with each.</param>
    public static async Task<NetworkXRun> RunAsync(string exportPath, int warmup, int runs, bool lengths, IReadOnlyList<ReachAnswer> reach,
        IReadOnlyList<DistanceAnswer> distance, CancellationToken cancellationToken)
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
            var (theirReach, theirDistance) = ReadAnswers(prefix, reach[0].Reached.Length);
            CheckAgreement(theirReach, reach, theirDistance, distance);
        }
        finally
        {
            File.Delete(prefix + ".reach");
            File.Delete(prefix + ".dist");
        }

        return run;
    }

    /// <summary>
    /// Fails the run unless every answer agrees with the reference: the same reached nodes, and the same distance for every
    /// node within 1e-6 relative (1e-9 absolute near 0).
    /// </summary>
    public static void CheckAgreement(ReachAnswer reach, IEnumerable<ReachAnswer> otherReach, DistanceAnswer distance, IEnumerable<DistanceAnswer> otherDistance)
    {
        foreach (var other in otherReach)
        {
            var differ = Enumerable.Range(0, reach.Reached.Length).Where(node => reach.Reached[node] != other.Reached[node]).ToList();
            if (other.Reached.Length != reach.Reached.Length || differ.Count > 0)
            {
                var first = differ.Count > 0 ? differ[0] : -1;
                throw new BenchmarkFailure($"{other.Name} and {reach.Name} disagree on reachability: {differ.Count} node(s) differ; first: node {first}, " +
                    $"{(first >= 0 && reach.Reached[first] ? "reached" : "not reached")} by {reach.Name}.");
            }
        }

        foreach (var other in otherDistance)
        {
            var differ = Enumerable.Range(0, distance.Distance.Length).Where(node => !SameDistance(distance.Distance[node], other.Distance[node])).ToList();
            if (other.Distance.Length != distance.Distance.Length || differ.Count > 0)
            {
                var first = differ.Count > 0 ? differ[0] : 0;
                throw new BenchmarkFailure(string.Create(CultureInfo.InvariantCulture,
                    $"{other.Name} and {distance.Name} disagree on distances: {differ.Count} node(s) differ; first: node {first}, {other.Distance[first]:R} against {distance.Distance[first]:R}."));
            }
        }
    }

    private static (ReachAnswer Reach, DistanceAnswer Distance) ReadAnswers(string prefix, int nodes)
    {
        var reach = File.ReadAllBytes(prefix + ".reach");
        var distances = File.ReadAllBytes(prefix + ".dist");
        if (reach.Length != nodes || distances.Length != 8L * nodes)
        {
            throw new BenchmarkFailure($"NetworkX wrote results for {reach.Length} nodes ({distances.Length} distance bytes); the graph has {nodes}.");
        }

        var distance = new double[nodes];
        for (var node = 0; node < nodes; node++)
        {
            distance[node] = BinaryPrimitives.ReadDoubleLittleEndian(distances.AsSpan(node * 8, 8));
        }

        return (new ReachAnswer("NetworkX", [.. reach.Select(b => b == 1)]), new DistanceAnswer("NetworkX", distance));
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
