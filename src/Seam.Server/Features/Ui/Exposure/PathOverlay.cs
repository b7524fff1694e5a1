using System.Globalization;
using Seam.Exposure;
using Seam.Server.Features.Ui.Zones;

namespace Seam.Server.Features.Ui.Exposure;

/// <summary>A numbered hop drawn on its zone's box; <see cref="Number"/> is the hop's position in the hop list (from 1).</summary>
public sealed record HopMarker(int Number, string ZoneId, double X, double Y, AttackHop Hop);

/// <summary>
/// Where an attack path's hops go on a site's Purdue diagram: a marker per hop on its zone's box, a line through them in
/// order, and the zones and conduits to outline. Pure, so it can be tested without a browser.
/// </summary>
public sealed record PathOverlay(IReadOnlyList<HopMarker> Markers, string Points, DiagramHighlight Highlight)
{
    public const double MarkerRadius = 11;
    private const double MarkerStep = 26;
    private const double MarkerInset = 16;

    /// <param name="zoneOfAsset">The zone an asset sits in, for hops that name an asset but no zone.</param>
    /// <param name="entryZone">
    /// Where the entry point lands, for an entry hop that names no zone (a vendor path straight onto assets); without
    /// one, the entry is drawn where the next hop is.
    /// </param>
    public static PathOverlay Build(PurdueDiagramLayout layout, AttackPath path, Func<string?, string?> zoneOfAsset, string? entryZone = null)
    {
        string? ZoneOf(int i)
        {
            var hop = path.Hops[i];
            return hop.ZoneId ?? zoneOfAsset(hop.AssetId)
                ?? (hop.Kind == HopKind.Entry ? entryZone ?? path.Hops.Skip(i + 1).Select(h => h.ZoneId ?? zoneOfAsset(h.AssetId)).FirstOrDefault(z => z is not null) : null);
        }

        var boxes = layout.Boxes.ToDictionary(b => b.Zone.Id, StringComparer.Ordinal);
        var conduitIds = layout.Arrows.Select(a => a.Conduit.Id).ToHashSet(StringComparer.Ordinal);
        var perZone = new Dictionary<string, int>(StringComparer.Ordinal);
        var markers = new List<HopMarker>();
        var conduits = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < path.Hops.Count; i++)
        {
            var hop = path.Hops[i];
            if (hop.ViaId is { } via && conduitIds.Contains(via))
            {
                conduits.Add(via);
            }

            if (ZoneOf(i) is not { } zone || !boxes.TryGetValue(zone, out var box))
            {
                continue;
            }

            // Several hops in one zone sit side by side along the box's lower edge, in hop order.
            var nth = perZone.GetValueOrDefault(zone);
            perZone[zone] = nth + 1;
            var perRow = Math.Max(1, (int)((PurdueDiagramLayout.BoxWidth - (2 * MarkerInset)) / MarkerStep) + 1);
            var x = box.X + MarkerInset + ((nth % perRow) * MarkerStep);
            var y = box.Y + PurdueDiagramLayout.BoxHeight - ((nth / perRow) * MarkerStep);
            markers.Add(new HopMarker(i + 1, zone, x, y, hop));
        }

        var points = string.Join(" ", markers.Select(m => string.Create(CultureInfo.InvariantCulture, $"{m.X:0.#},{m.Y:0.#}")));
        var zones = markers.Select(m => m.ZoneId).ToHashSet(StringComparer.Ordinal);
        return new PathOverlay(markers, points, new DiagramHighlight(zones, conduits));
    }
}
