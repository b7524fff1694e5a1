using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Exposure.Demo;

/// <summary>
/// The demo plant's reach beyond its conduits (a few host-level allow rules) and its maintenance windows, so that the
/// exposure page, what-if and plan have something real to show. Seeded beside <see cref="Inventory.Demo.DemoPlant"/>.
/// </summary>
public static class DemoExposure
{
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
