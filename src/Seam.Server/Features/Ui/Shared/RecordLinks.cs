using Seam.Inventory;

namespace Seam.Server.Features.Ui.Shared;

/// <summary>Where each kind of inventory record is shown, so that every mention of a record can link to it.</summary>
public static class RecordLinks
{
    public static string Asset(string id) => "/assets/" + Uri.EscapeDataString(id);

    public static string Zone(string siteId, string id) => $"/zones?site={Uri.EscapeDataString(siteId)}#zone-{Anchor(id)}";

    public static string Conduit(string siteId, string id) => $"/zones?site={Uri.EscapeDataString(siteId)}#conduit-{Anchor(id)}";

    public static string EntryPoint(string siteId, string id) => $"/zones?site={Uri.EscapeDataString(siteId)}#entry-{Anchor(id)}";

    public static string AssetsOfSite(string siteId) => "/assets?site=" + Uri.EscapeDataString(siteId);

    public static string AssetsOfZone(string zoneId) => "/assets?zone=" + Uri.EscapeDataString(zoneId);

    /// <summary>An id made safe for an HTML id / URL fragment.</summary>
    public static string Anchor(string id) => new(id.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '_').ToArray());

    /// <summary>The page of the record a problem is about; null when the record has no page of its own.</summary>
    public static string? For(InventoryProblem problem, Func<InventoryEntity, string, string?> siteOf) => problem.Entity switch
    {
        InventoryEntity.Asset => Asset(problem.EntityId),
        InventoryEntity.Zone => siteOf(problem.Entity, problem.EntityId) is { } s ? Zone(s, problem.EntityId) : null,
        InventoryEntity.Conduit => siteOf(problem.Entity, problem.EntityId) is { } s ? Conduit(s, problem.EntityId) : null,
        InventoryEntity.EntryPoint => siteOf(problem.Entity, problem.EntityId) is { } s ? EntryPoint(s, problem.EntityId) : null,
        InventoryEntity.Site => AssetsOfSite(problem.EntityId),
        _ => null,
    };
}
