using Seam.Exposure.Model;
using Seam.Intelligence.Csaf;
using Seam.Intelligence.Demo;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;
using Seam.Inventory;

namespace Seam.Exposure.Demo;

/// <summary>
/// The demo plant's reach beyond its conduits (a few host-level allow rules) and its maintenance windows, so that the
/// exposure page, what-if and plan have something real to show. Seeded beside <see cref="Inventory.Demo.DemoPlant"/>.
/// </summary>
public static class DemoExposure
{
    /// <summary>
    /// The demo plant as the exposure engine sees it once the demo advisories are matched — what `seam demo` stores,
    /// computed without a database (for tests and the benchmark's sanity checks).
    /// </summary>
    public static ExposureInput Input(InventoryModel plant, DateTimeOffset at)
    {
        var matcher = new AdvisoryMatcher(new AssetIndex(plant.Assets, VendorAliases.Create()));
        var findings = new Dictionary<(string Asset, string Vulnerability), Finding>();
        foreach (var (name, content) in DemoAdvisories.All())
        {
            using var read = CsafReader.Read(content, name);
            var document = read.Document ?? throw new InvalidOperationException($"Demo advisory {name} does not read: {string.Join("; ", read.Errors)}");
            var tracking = document.Document.Tracking;
            var changes = FindingReconciler.Reconcile(tracking.Id, tracking.Version, matcher.Match(AdvisoryFactsBuilder.From(document)), [.. findings.Values], at);
            foreach (var finding in changes.Created.Concat(changes.Updated))
            {
                findings[(finding.AssetId, finding.VulnerabilityId)] = finding;
            }
        }

        return new ExposureInput
        {
            Inventory = plant,
            Findings = [.. findings.Values.OrderBy(f => f.Id, StringComparer.Ordinal).Select(f => new ExposureFinding
            {
                Id = f.Id,
                AssetId = f.AssetId,
                VulnerabilityId = f.VulnerabilityId,
                AdvisoryId = f.AdvisoryId,
                State = f.State,
                Confidence = f.Confidence,
                CvssVector = f.CvssVector,
                CvssScore = f.CvssScore,
                Remediation = f.Remediation,
            })],
            AllowRules = AllowRules(plant),
            At = at,
        };
    }

    /// <summary>Host-level pinholes of the demo plant.</summary>
    public static IReadOnlyList<AllowRule> AllowRules(InventoryModel plant) => [];

    /// <summary>One window per process line (first Sunday of the month) and a site-wide one per site (last Saturday).</summary>
    public static IReadOnlyList<MaintenanceWindow> MaintenanceWindows(InventoryModel plant) =>
    [
        .. plant.Assets.Where(a => a.ProcessLine is not null).GroupBy(a => (a.SiteId, a.ProcessLine!)).OrderBy(g => g.Key.SiteId, StringComparer.Ordinal)
            .ThenBy(g => g.Key.Item2, StringComparer.Ordinal)
            .Select(g => new MaintenanceWindow
            {
                Id = g.Key.SiteId + ".mw." + Slug(g.Key.Item2),
                SiteId = g.Key.SiteId,
                Name = g.Key.Item2 + " — monthly shutdown",
                ProcessLine = g.Key.Item2,
                Day = DayOfWeek.Sunday,
                WeekOfMonth = 1,
                Start = new TimeOnly(2, 0),
                DurationHours = 6,
            }),
        .. plant.Sites.Select(s => new MaintenanceWindow
        {
            Id = s.Id + ".mw.site",
            SiteId = s.Id,
            Name = s.Name + " — site turnaround weekend",
            Day = DayOfWeek.Saturday,
            WeekOfMonth = 5,
            Start = new TimeOnly(6, 0),
            DurationHours = 36,
        }),
    ];

    private static string Slug(string text) =>
        string.Concat(text.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : '-')).Trim('-');
}
