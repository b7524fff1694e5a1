using Seam.Testing.Corpus;

namespace Seam.Protocols.Tests.Capture;

/// <summary>Every capture in the shared corpus, as test data: pcaps/&lt;protocol&gt;/*.pcap, *.cap and *.pcapng.</summary>
public static class CorpusCaptures
{
    private static readonly string[] Extensions = [".pcap", ".cap", ".pcapng"];

    public static string Root => SharedCorpus.Path("pcaps");

    /// <summary>Paths relative to <see cref="Root"/>, so test names stay short and stable.</summary>
    public static IReadOnlyList<string> All() =>
        Directory.EnumerateFiles(Root, "*", SearchOption.AllDirectories)
            .Where(path => Extensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase))
            .Select(path => Path.GetRelativePath(Root, path))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static TheoryData<string> Theory()
    {
        var data = new TheoryData<string>();
        foreach (var capture in All())
        {
            data.Add(capture);
        }

        return data;
    }

    public static string Full(string relative) => Path.Combine(Root, relative);
}
