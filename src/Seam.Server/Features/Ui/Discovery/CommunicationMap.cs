using Seam.Discovery;
using Seam.Server.Features.Ui.Zones;

namespace Seam.Server.Features.Ui.Discovery;

/// <summary>Observed traffic from the zone of the clients to the zone of the servers, all flows between them summed.</summary>
/// <param name="Violations">Flows among them that no conduit allows.</param>
public sealed record ZoneLink(
    string FromZoneId, string ToZoneId, string Path, double LabelX, double LabelY, string LabelAnchor, string Label, int Flows, int Violations, long Packets,
    bool EnterpriseIntoControl, string Title);

/// <summary>Traffic that stays inside one zone, and the new devices whose addresses fall in it.</summary>
public sealed record ZoneBadge(string ZoneId, double X, double Y, int FlowsInside, int NewDevices, string Title);

/// <summary>
/// The communication map: what the capture showed drawn over the site's Purdue diagram, so traffic that crosses levels
/// without a conduit stands out where OT people already look for the zone model.
/// </summary>
public sealed class CommunicationMap
{
    private const double Bow = 36;

    public required IReadOnlyList<ZoneLink> Links { get; init; }

    public required IReadOnlyList<ZoneBadge> Badges { get; init; }

    /// <summary>Flows with an end in no zone of the site: not drawn, counted.</summary>
    public required int Unplaced { get; init; }

    public static CommunicationMap Build(PurdueDiagramLayout layout, DiscoveryReview review)
    {
        var boxes = layout.Boxes.ToDictionary(b => b.Zone.Id, StringComparer.Ordinal);
        var crossing = review.AllowedFlows.Select(f => (f.Flow, f.ClientZoneId, f.ServerZoneId, Violation: false))
            .Concat(review.Violations.Select(v => (v.Flow, v.ClientZoneId, v.ServerZoneId, Violation: true)))
            .Where(f => boxes.ContainsKey(f.ClientZoneId) && boxes.ContainsKey(f.ServerZoneId))
            .ToList();
        var enterprise = review.Events.Where(e => e.Kind == DiscoveredEventKind.EnterpriseIntoControl).Select(e => (e.Source, e.Target)).ToHashSet();

        var links = new List<ZoneLink>();
        foreach (var group in crossing.Where(f => f.ClientZoneId != f.ServerZoneId).GroupBy(f => (f.ClientZoneId, f.ServerZoneId)).OrderBy(g => g.Key))
        {
            var from = boxes[group.Key.ClientZoneId];
            var to = boxes[group.Key.ServerZoneId];
            var (path, lx, ly, anchor) = Curve(from, to);
            var services = group.GroupBy(f => f.Flow.Service.ToString()).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();
            var violations = group.Count(f => f.Violation);
            var packets = group.Sum(f => f.Flow.Packets);
            var label = $"{group.Count()} flow{(group.Count() == 1 ? "" : "s")}" + (violations > 0 ? $" · {violations} not allowed" : "");
            var title = FormattableString.Invariant($"{from.Zone.Name} → {to.Zone.Name}: {group.Count()} flow(s), {packets:N0} packets\nServices: {string.Join(", ", services)}")
                + (violations > 0 ? FormattableString.Invariant($"\n⚠ {violations} flow(s) no conduit allows") : "\nAll allowed by a conduit");
            links.Add(new ZoneLink(from.Zone.Id, to.Zone.Id, path, lx, ly, anchor, label, group.Count(), violations, packets,
                group.Any(f => enterprise.Contains((f.Flow.Client, f.Flow.Server))), title));
        }

        var inside = crossing.Where(f => f.ClientZoneId == f.ServerZoneId).GroupBy(f => f.ClientZoneId).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var newDevices = review.NewDevices.Where(d => d.ZoneId is not null).GroupBy(d => d.ZoneId!).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var badges = boxes.Values
            .Where(b => inside.ContainsKey(b.Zone.Id) || newDevices.ContainsKey(b.Zone.Id))
            .Select(b => new ZoneBadge(b.Zone.Id, b.X + PurdueDiagramLayout.BoxWidth, b.Y, inside.GetValueOrDefault(b.Zone.Id), newDevices.GetValueOrDefault(b.Zone.Id),
                $"{b.Zone.Name}: {inside.GetValueOrDefault(b.Zone.Id)} flow(s) inside the zone, {newDevices.GetValueOrDefault(b.Zone.Id)} new device(s)"))
            .ToList();
        return new CommunicationMap { Links = links, Badges = badges, Unplaced = review.UncheckedFlows.Count };
    }

    /// <summary>
    /// A curve from the client box to the server box. Between levels it arcs out of the boxes' sides — downwards on the
    /// right, upwards on the left — so the two directions stay apart and clear of the conduit arrows between the box
    /// centres; within one row it arcs over the boxes. The label sits at the arc's outer apex.
    /// </summary>
    private static (string Path, double LabelX, double LabelY, string Anchor) Curve(DiagramBox from, DiagramBox to)
    {
        var half = PurdueDiagramLayout.BoxHeight / 2;
        if (Math.Abs(to.Y - from.Y) < 1)
        {
            var (x1, x2) = (from.CenterX, to.CenterX);
            var top = from.Y - Bow;
            var mid = (x1 + x2) / 2;
            var over = FormattableString.Invariant($"M {x1:0.#} {from.Y:0.#} Q {x1:0.#} {top:0.#} {mid:0.#} {top:0.#} Q {x2:0.#} {top:0.#} {x2:0.#} {to.Y:0.#}");
            return (over, mid, top - 4, "middle");
        }

        var downwards = to.Y > from.Y;
        var side = downwards ? PurdueDiagramLayout.BoxWidth : 0;
        var (sx, sy) = (from.X + side, from.Y + half);
        var (ex, ey) = (to.X + side, to.Y + half);
        var outward = downwards ? Bow * 2 : -Bow * 2;
        var cx = (downwards ? Math.Max(sx, ex) : Math.Min(sx, ex)) + outward;
        var cy = (sy + ey) / 2;
        var path = FormattableString.Invariant($"M {sx:0.#} {sy:0.#} Q {cx:0.#} {cy:0.#} {ex:0.#} {ey:0.#}");
        var apexX = (0.25 * sx) + (0.5 * cx) + (0.25 * ex);

        // Below the middle: the conduit's own label sits at the middle height.
        return (path, apexX + (downwards ? 6 : -6), cy + 18, downwards ? "start" : "end");
    }
}
