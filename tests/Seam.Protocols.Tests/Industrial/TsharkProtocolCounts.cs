namespace Seam.Protocols.Tests.Industrial;

/// <summary>
/// How many frames of a capture tshark says carry a protocol: the frames whose <c>frame.protocols</c> list
/// names it, optionally with "decode as" rules for captures on non-standard ports.
/// </summary>
internal static class TsharkProtocolCounts
{
    public static IReadOnlyDictionary<string, long> Of(string capture, params string[] decodeAs)
    {
        var arguments = new List<string> { "-r", capture, "-n", "-T", "fields", "-e", "frame.protocols" };
        foreach (var rule in decodeAs)
        {
            arguments.Add("-d");
            arguments.Add(rule);
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Run(arguments))
        {
            foreach (var protocol in line.Split(':').Distinct(StringComparer.Ordinal))
            {
                counts[protocol] = counts.GetValueOrDefault(protocol) + 1;
            }
        }

        return counts;
    }

    /// <summary>The number of frames matching a display filter.</summary>
    public static long Matching(string capture, string displayFilter) =>
        Run(["-r", capture, "-n", "-Y", displayFilter, "-T", "fields", "-e", "frame.number"]).Count;

    /// <summary>The given fields of every frame matching a display filter, one array per frame.</summary>
    public static IReadOnlyList<string[]> Rows(string capture, string displayFilter, string decodeAs, params string[] fields)
    {
        var arguments = new List<string> { "-r", capture, "-n", "-Y", displayFilter, "-T", "fields", "-E", "occurrence=a", "-E", "aggregator=," };
        if (decodeAs.Length > 0)
        {
            arguments.Add("-d");
            arguments.Add(decodeAs);
        }

        foreach (var field in fields)
        {
            arguments.Add("-e");
            arguments.Add(field);
        }

        return Run(arguments).Select(line => line.Split('\t')).ToList();
    }

    private static List<string> Run(IEnumerable<string> arguments) => Capture.Tshark.Run(arguments);
}
