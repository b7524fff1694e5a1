using Seam.Exposure.Model;
using Seam.Intelligence.Findings;
using Seam.Inventory;

namespace Seam.Exposure.WhatIf;

/// <summary>
/// Applies a scenario's actions, in order, to a copy of the input. Inventory entities are mutable classes, so every
/// one an action changes is copied first; the baseline's objects are never touched.
/// </summary>
public static class ScenarioApplier
{
    public static ExposureInput Apply(ExposureInput input, Scenario scenario)
    {
        var inventory = input.Inventory;
        var assets = inventory.Assets.ToList();
        var conduits = inventory.Conduits.ToList();
        var entries = inventory.EntryPoints.ToList();
        var findings = input.Findings.ToList();
        var rules = input.AllowRules.ToList();
        var flows = input.ObservedFlows.ToList();
        var grants = input.AccessGrants.ToList();
        foreach (var action in scenario.Actions)
        {
            switch (action)
            {
                case PatchFinding patch:
                    for (var i = 0; i < findings.Count; i++)
                    {
                        if (findings[i].Id == patch.FindingId)
                        {
                            findings[i] = findings[i] with { State = FindingState.Fixed };
                        }
                    }

                    break;

                case BlockConduitService block:
                    for (var i = conduits.Count - 1; i >= 0; i--)
                    {
                        if (conduits[i].Id != block.ConduitId)
                        {
                            continue;
                        }

                        if (block.Service is not { } service)
                        {
                            conduits.RemoveAt(i);
                            continue;
                        }

                        var copy = Copy(conduits[i]);
                        copy.Services = RemainingServices(copy.Services, service);
                        conduits[i] = copy;
                    }

                    break;

                case RemoveEntryPoint remove:
                    entries.RemoveAll(e => e.Id == remove.EntryPointId);
                    grants.RemoveAll(g => g.Id == remove.EntryPointId);
                    break;

                case RequireMfa mfa:
                    for (var i = 0; i < entries.Count; i++)
                    {
                        if (entries[i].Id == mfa.EntryPointId)
                        {
                            var copy = Copy(entries[i]);
                            copy.MfaRequired = true;
                            if (mfa.MakeOnDemand)
                            {
                                copy.Availability = RemoteAccessAvailability.OnDemand;
                            }

                            entries[i] = copy;
                        }
                    }

                    for (var i = 0; i < grants.Count; i++)
                    {
                        if (grants[i].Id == mfa.EntryPointId)
                        {
                            grants[i] = grants[i] with { MfaRequired = true };
                        }
                    }

                    break;

                case IsolateAsset isolate:
                    for (var i = 0; i < assets.Count; i++)
                    {
                        if (assets[i].Id == isolate.AssetId)
                        {
                            var copy = Copy(assets[i]);
                            copy.ZoneId = null;
                            assets[i] = copy;
                        }
                    }

                    rules.RemoveAll(r => r.FromAssetId == isolate.AssetId || r.ToAssetId == isolate.AssetId);
                    flows.RemoveAll(f => f.SourceAssetId == isolate.AssetId || f.TargetAssetId == isolate.AssetId);
                    for (var i = 0; i < entries.Count; i++)
                    {
                        if (entries[i].TargetAssetIds.Contains(isolate.AssetId))
                        {
                            var copy = Copy(entries[i]);
                            copy.TargetAssetIds = [.. copy.TargetAssetIds.Where(t => t != isolate.AssetId)];
                            entries[i] = copy;
                        }
                    }

                    for (var i = 0; i < grants.Count; i++)
                    {
                        if (grants[i].AssetIds.Contains(isolate.AssetId))
                        {
                            grants[i] = grants[i] with { AssetIds = [.. grants[i].AssetIds.Where(t => t != isolate.AssetId)] };
                        }
                    }

                    break;

                case AddConduit add:
                    conduits.Add(add.Conduit);
                    break;

                case AddAsset add:
                    assets.Add(add.Asset);
                    break;

                case AddAllowRule add:
                    rules.Add(add.Rule);
                    break;

                case AddSolution solution:
                    assets.AddRange(solution.Assets);
                    conduits.AddRange(solution.Conduits);
                    rules.AddRange(solution.AllowRules);
                    entries.AddRange(solution.EntryPoints);
                    break;

                case RemoveAllowRule remove:
                    rules.RemoveAll(r => r.Id == remove.RuleId);
                    break;

                case StopObservedFlow stop:
                    flows.RemoveAll(f => f.Id == stop.FlowId);
                    break;

                default:
                    throw new NotSupportedException($"Scenario action {action.GetType().Name} is not known to the engine.");
            }
        }

        return input with
        {
            Inventory = inventory with { Assets = assets, Conduits = conduits, EntryPoints = entries },
            Findings = findings,
            AllowRules = rules,
            ObservedFlows = flows,
            AccessGrants = grants,
        };
    }

    /// <summary>
    /// What a conduit still carries once <paramref name="blocked"/> is blocked on it: the services equal to it or of the
    /// same protocol and transport, or, when there are none, the services it covers.
    /// </summary>
    internal static IReadOnlyList<ServiceEndpoint> RemainingServices(IReadOnlyList<ServiceEndpoint> services, ServiceEndpoint blocked)
    {
        var exact = services.Where(s => s == blocked || SameNamed(s, blocked)).ToList();
        return exact.Count > 0
            ? [.. services.Except(exact)]
            : [.. services.Where(s => !blocked.Covers(s))];
    }

    private static bool SameNamed(ServiceEndpoint a, ServiceEndpoint b) =>
        a.Protocol is not null && b.Protocol is not null && string.Equals(a.Protocol, b.Protocol, StringComparison.OrdinalIgnoreCase)
        && a.Transport == b.Transport;

    internal static Conduit Copy(Conduit c) => new()
    {
        Id = c.Id,
        SiteId = c.SiteId,
        Name = c.Name,
        FromZoneId = c.FromZoneId,
        ToZoneId = c.ToZoneId,
        Services = c.Services,
        Direction = c.Direction,
        EnforcedBy = c.EnforcedBy,
        Description = c.Description,
    };

    internal static EntryPoint Copy(EntryPoint e) => new()
    {
        Id = e.Id,
        SiteId = e.SiteId,
        Name = e.Name,
        Kind = e.Kind,
        ZoneId = e.ZoneId,
        Vendor = e.Vendor,
        Method = e.Method,
        TargetAssetIds = e.TargetAssetIds,
        MfaRequired = e.MfaRequired,
        Availability = e.Availability,
        Description = e.Description,
    };

    internal static Asset Copy(Asset a) => new()
    {
        Id = a.Id,
        SiteId = a.SiteId,
        ZoneId = a.ZoneId,
        Name = a.Name,
        Kind = a.Kind,
        Vendor = a.Vendor,
        Product = a.Product,
        Model = a.Model,
        Version = a.Version,
        SerialNumber = a.SerialNumber,
        Identifiers = a.Identifiers,
        Addresses = a.Addresses,
        MacAddresses = a.MacAddresses,
        Services = a.Services,
        OwnerTeamId = a.OwnerTeamId,
        MaintainerTeamId = a.MaintainerTeamId,
        Criticality = a.Criticality,
        SafetyRelevant = a.SafetyRelevant,
        ProcessLine = a.ProcessLine,
        DowntimeCostPerHour = a.DowntimeCostPerHour,
        Patchability = a.Patchability,
        IsCrownJewel = a.IsCrownJewel,
        Source = a.Source,
        LastSeen = a.LastSeen,
        Notes = a.Notes,
    };
}
