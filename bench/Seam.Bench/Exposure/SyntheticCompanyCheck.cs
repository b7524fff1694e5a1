using Seam.Bench.Harness;
using Seam.Exposure.Model;
using Seam.Inventory;

namespace Seam.Bench.Exposure;

/// <summary>What a generated company holds, for the results and for <see cref="SyntheticCompanyCheck"/>.</summary>
/// <param name="ControlLevelShare">Share of assets in zones of levels 0–2.</param>
/// <param name="KevShare">Share of findings whose vulnerability is in KEV.</param>
/// <param name="Smells">The validator's policy smells by code (the generator puts some in on purpose).</param>
public sealed record CompanySummary(
    int Assets,
    int Sites,
    int Zones,
    int Conduits,
    int EntryPoints,
    int Findings,
    double FindingsPerAsset,
    double KevShare,
    int CrownJewels,
    double CrownJewelShare,
    double ControlLevelShare,
    IReadOnlyDictionary<string, int> Smells);

/// <summary>
/// Sanity of the generator, run on every generated company (the smoke run included): the inventory validator finds no
/// errors, and the counts are in the ranges the benchmark promises. A company outside them fails the run.
/// </summary>
public static class SyntheticCompanyCheck
{
    public static CompanySummary Check(ExposureInput input, int expectedAssets)
    {
        var model = input.Inventory;
        var problems = InventoryValidator.Validate(model);
        var errors = problems.Where(p => p.Severity == ProblemSeverity.Error).ToList();
        if (errors.Count > 0)
        {
            throw new BenchmarkFailure($"The generated company of {expectedAssets:N0} assets has {errors.Count} validation error(s); first: " +
                string.Join("; ", errors.Take(3).Select(e => $"{e.Entity} {e.EntityId}: {e.Message}")));
        }

        var levels = model.Zones.ToDictionary(z => z.Id, z => z.Level, StringComparer.Ordinal);
        var kev = input.Findings.Count(f => f.Evidence.InKev);
        var crownJewels = model.Assets.Where(a => a.IsCrownJewel).ToList();
        var summary = new CompanySummary(
            model.Assets.Count,
            model.Sites.Count,
            model.Zones.Count,
            model.Conduits.Count,
            model.EntryPoints.Count,
            input.Findings.Count,
            (double)input.Findings.Count / model.Assets.Count,
            (double)kev / Math.Max(1, input.Findings.Count),
            crownJewels.Count,
            (double)crownJewels.Count / model.Assets.Count,
            (double)model.Assets.Count(a => levels[a.ZoneId!].IsControlLevel()) / model.Assets.Count,
            problems.GroupBy(p => p.Code).OrderBy(g => g.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal));

        var failures = new List<string>();
        Expect(summary.Assets == expectedAssets, $"{summary.Assets} assets, not {expectedAssets}");
        var zonesPerSite = (double)summary.Zones / summary.Sites;
        var expectedZones = Math.Max(9, expectedAssets / (50.0 * summary.Sites));
        Expect(zonesPerSite >= expectedZones * 0.8 && zonesPerSite <= expectedZones * 1.2, $"{summary.Zones} zones for {expectedAssets} assets (about one per 50 expected)");
        Expect(summary.FindingsPerAsset is >= 4 and <= 6, $"{summary.FindingsPerAsset:0.00} findings per asset (4–6 expected)");
        Expect(summary.KevShare is >= 0.01 and <= 0.04, $"{summary.KevShare:P2} of findings in KEV (1–4% expected)");
        Expect(summary.CrownJewelShare is >= 0.005 and <= 0.02, $"{summary.CrownJewelShare:P2} crown jewels (0.5–2% expected)");
        Expect(crownJewels.All(a => a.Kind.IsController()), "a crown jewel that is not a controller");
        Expect(summary.ControlLevelShare >= 0.7, $"{summary.ControlLevelShare:P0} of assets on levels 0–2 (70% or more expected)");
        foreach (var site in model.Sites)
        {
            var entries = model.EntryPoints.Where(e => e.SiteId == site.Id).ToList();
            Expect(entries.Count(e => e.Kind == EntryPointKind.VendorRemoteAccess) == 2 && entries.Count == 5,
                $"site {site.Id} has {entries.Count} entry points (5 expected, 2 of them vendor paths)");
        }

        Expect(summary.Smells.GetValueOrDefault("conduit-bypasses-dmz") >= summary.Sites * 2,
            "fewer DMZ bypasses than one diode and one legacy rule per site");
        Expect(summary.Smells.GetValueOrDefault("always-on-vendor-access-without-mfa") == summary.Sites,
            "not exactly one always-on vendor path without MFA per site");
        if (failures.Count > 0)
        {
            throw new BenchmarkFailure($"The generated company of {expectedAssets:N0} assets is out of shape: {string.Join("; ", failures)}.");
        }

        return summary;

        void Expect(bool condition, string failure)
        {
            if (!condition)
            {
                failures.Add(failure);
            }
        }
    }
}
