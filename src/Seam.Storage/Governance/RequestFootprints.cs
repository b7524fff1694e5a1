using Microsoft.EntityFrameworkCore;
using Seam.Exposure.WhatIf;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;
using Seam.Storage.Exposure;

namespace Seam.Storage.Governance;

/// <summary>
/// What a request touches, from the stored inventory (assets → zones → Purdue levels, kinds, criticality, safety), and
/// what it does to exposure where the scenario maps onto a what-if: a new connection adds a conduit, vendor remote
/// access adds an on-demand entry point landing where the grant would.
/// </summary>
internal sealed class RequestFootprints(ExposureService exposure)
{
    public async Task<RequestFootprint> OfAsync(SeamDbContext db, DecisionRequest request, RequestDetails details, CancellationToken cancellationToken)
    {
        var ids = request.AssetIds.Concat(details.Access?.AssetIds ?? []).Distinct(StringComparer.Ordinal).ToList();
        var assets = await db.Assets.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(cancellationToken);
        var zoneIds = assets.Select(a => a.ZoneId).OfType<string>()
            .Concat(new[] { details.Access?.LandingZoneId, details.Connection?.FromZoneId, details.Connection?.ToZoneId }.OfType<string>())
            .Distinct(StringComparer.Ordinal).ToList();
        var zones = await db.Zones.AsNoTracking().Where(z => zoneIds.Contains(z.Id)).ToDictionaryAsync(z => z.Id, StringComparer.Ordinal, cancellationToken);
        var delta = await ExposureDeltaAsync(request, details, cancellationToken);
        return RequestFootprint.Of(request.SiteId, assets, zones, details.Reversible, details.DowntimeHours, delta);
    }

    private async Task<ExposureDelta?> ExposureDeltaAsync(DecisionRequest request, RequestDetails details, CancellationToken cancellationToken)
    {
        var scenario = WhatIfFor(request, details);
        if (scenario is null)
        {
            return null;
        }

        var result = await exposure.WhatIfAsync(scenario, cancellationToken);
        return new ExposureDelta(result.ScoreChange, result.CrownJewelsNewlyReachable.Count, result.PathsAdded.Count, result.Summary);
    }

    /// <summary>The what-if that prices a request, or null when its scenario has no clear mapping onto the model.</summary>
    public static Scenario? WhatIfFor(DecisionRequest request, RequestDetails details)
    {
        if (request.Scenario == DecisionScenario.NewConnection && details.Connection is { } c)
        {
            var conduit = new Conduit
            {
                Id = $"{request.Id}-conduit",
                SiteId = request.SiteId,
                Name = request.Title,
                FromZoneId = c.FromZoneId,
                ToZoneId = c.ToZoneId,
                Services = [.. c.Services.Select(ServiceEndpoint.Parse)],
            };
            return new Scenario(request.Id, [new AddConduit(conduit)], request.Title);
        }

        if (request.Scenario == DecisionScenario.VendorRemoteAccess && details.Access is { } a)
        {
            var entry = new EntryPoint
            {
                Id = $"{request.Id}-grant",
                SiteId = request.SiteId,
                Name = $"{a.Grantee} via {a.Method}",
                Kind = EntryPointKind.VendorRemoteAccess,
                ZoneId = a.LandingZoneId,
                Vendor = a.Vendor,
                Method = a.Method,
                TargetAssetIds = a.AssetIds,
                MfaRequired = a.Mfa,
                Availability = RemoteAccessAvailability.OnDemand,
            };
            return new Scenario(request.Id, [new AddSolution(request.Title, [], [], [], [entry])], request.Title);
        }

        return null;
    }
}
