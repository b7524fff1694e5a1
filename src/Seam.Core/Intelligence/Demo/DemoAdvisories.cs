using System.Globalization;
using System.Text.Json;

namespace Seam.Intelligence.Demo;

/// <summary>
/// The synthetic CSAF 2.0 advisories that ship with the demo plant, so that a fresh demo shows matched findings without
/// any feed. They are written by hand against the demo catalogue's vendor, product and version strings, and each says
/// in its notes that it is fictional: publisher "Seam demo data" (namespace https://demo.seam.example), tracking ids
/// SEAM-DEMO-2026-nnn, CVE ids from CVE-2026-99001 up. docs/demo-plant.md lists which assets each one should hit.
/// </summary>
public static class DemoAdvisories
{
    private const string ResourcePrefix = "Seam.Intelligence.Demo.Advisories.";

    /// <summary>
    /// Every demo advisory as its file name (<c>seam-demo-2026-001.json</c>) and raw bytes, in publication order
    /// (tracking current_release_date), so that importing them in turn leaves the newest revision of an advisory in
    /// force: <c>seam-demo-2026-001-r2.json</c> comes after <c>seam-demo-2026-001.json</c>. Each call returns fresh arrays.
    /// </summary>
    public static IReadOnlyList<(string Name, byte[] Content)> All()
    {
        var assembly = typeof(DemoAdvisories).Assembly;
        var advisories = new List<(string Name, byte[] Content, DateTimeOffset Released)>();
        foreach (var resource in assembly.GetManifestResourceNames())
        {
            if (!resource.StartsWith(ResourcePrefix, StringComparison.Ordinal))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"Embedded resource '{resource}' is listed but cannot be opened.");
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var name = resource[ResourcePrefix.Length..];
            var content = buffer.ToArray();
            advisories.Add((name, content, CurrentReleaseDate(name, content)));
        }

        return [.. advisories
            .OrderBy(a => a.Released)
            .ThenBy(a => a.Name, StringComparer.Ordinal)
            .Select(a => (a.Name, a.Content))];
    }

    private static DateTimeOffset CurrentReleaseDate(string name, byte[] content)
    {
        // The files are ours and the tests hold them to the CSAF schema, so a missing date here is a build mistake.
        using var json = JsonDocument.Parse(content);
        var date = json.RootElement.GetProperty("document").GetProperty("tracking").GetProperty("current_release_date").GetString()
            ?? throw new InvalidOperationException($"{name}: /document/tracking/current_release_date is not a string.");
        return DateTimeOffset.Parse(date, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
    }
}
