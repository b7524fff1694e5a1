using Seam.Inventory;

namespace Seam.Server.Features.Ui.Zones;

/// <summary>A Purdue level drawn as a horizontal band.</summary>
public sealed record DiagramBand(PurdueLevel Level, double Y, double Height);

/// <summary>A zone drawn as a box inside its level's band.</summary>
public sealed record DiagramBox(Zone Zone, double X, double Y, int AssetCount, bool HasConduits)
{
    public double CenterX => X + PurdueDiagramLayout.BoxWidth / 2;
}

/// <summary>A conduit drawn as an arrow from one box edge to another; <see cref="Path"/> is SVG path data.</summary>
/// <param name="LabelAnchor">SVG text-anchor of the services label: "start" (label right of the point) or "end" (left of it).</param>
public sealed record DiagramArrow(Conduit Conduit, Zone From, Zone To, string Path, double LabelX, double LabelY, string LabelAnchor, bool BypassesDmz)
{
    public bool OneWay => Conduit.Direction == ConduitDirection.OneWay;

    public string ServicesText => Conduit.Services.Count == 0 ? "any (no services listed)" : string.Join(", ", Conduit.Services);
}

/// <summary>Zones and conduits to draw outlined, such as the hops of an attack path; the rest of the diagram is dimmed.</summary>
public sealed record DiagramHighlight(IReadOnlySet<string> ZoneIds, IReadOnlySet<string> ConduitIds);

/// <summary>
/// Places zones and conduits of one site on the Purdue model: level 5 at the top, level 0 at the bottom, the
/// industrial DMZ (3.5) as its own band between enterprise and plant. Pure, so it can be tested without a browser.
/// </summary>
public sealed class PurdueDiagramLayout
{
    public const double BoxWidth = 190;
    public const double BoxHeight = 50;
    public const double LabelWidth = 200;
    public const double GapX = 48;
    public const double RowGap = 46;
    public const double BandPadding = 30;

    /// <summary>Wide enough for the legend even when a site has few zones per level.</summary>
    public const double MinimumWidth = 1060;
    public const int BoxesPerRow = 5;

    public required double Width { get; init; }

    public required double Height { get; init; }

    public required IReadOnlyList<DiagramBand> Bands { get; init; }

    public required IReadOnlyList<DiagramBox> Boxes { get; init; }

    public required IReadOnlyList<DiagramArrow> Arrows { get; init; }

    /// <summary>Top to bottom as the Purdue model is drawn.</summary>
    public static IReadOnlyList<PurdueLevel> TopDown { get; } = PurdueLevels.All.Reverse().ToList();

    public static PurdueDiagramLayout Build(IReadOnlyList<Zone> zones, IReadOnlyList<Conduit> conduits, IReadOnlyDictionary<string, int> assetCounts)
    {
        var byLevel = zones.GroupBy(z => z.Level).ToDictionary(g => g.Key, g => g.OrderBy(z => z.Name, StringComparer.OrdinalIgnoreCase).ToList());
        var widest = Math.Max(3, Math.Min(BoxesPerRow, byLevel.Values.Select(l => l.Count).DefaultIfEmpty(0).Max()));
        var width = Math.Max(MinimumWidth, LabelWidth + (widest * (BoxWidth + GapX)) + GapX);
        var linked = conduits.SelectMany(c => new[] { c.FromZoneId, c.ToZoneId }).ToHashSet(StringComparer.Ordinal);

        var bands = new List<DiagramBand>();
        var boxes = new List<DiagramBox>();
        double y = 0;
        foreach (var level in TopDown)
        {
            var inBand = byLevel.GetValueOrDefault(level) ?? [];
            var rows = Math.Max(1, (int)Math.Ceiling(inBand.Count / (double)BoxesPerRow));
            var height = (2 * BandPadding) + (rows * BoxHeight) + ((rows - 1) * RowGap);
            bands.Add(new DiagramBand(level, y, height));
            for (var i = 0; i < inBand.Count; i++)
            {
                var row = i / BoxesPerRow;
                var inRow = Math.Min(BoxesPerRow, inBand.Count - (row * BoxesPerRow));
                var rowWidth = (inRow * BoxWidth) + ((inRow - 1) * GapX);
                var left = LabelWidth + ((width - LabelWidth - rowWidth) / 2);
                var x = left + ((i % BoxesPerRow) * (BoxWidth + GapX));
                var boxY = y + BandPadding + (row * (BoxHeight + RowGap));
                boxes.Add(new DiagramBox(inBand[i], x, boxY, assetCounts.GetValueOrDefault(inBand[i].Id), linked.Contains(inBand[i].Id)));
            }

            y += height;
        }

        return new PurdueDiagramLayout { Width = width, Height = y, Bands = bands, Boxes = boxes, Arrows = Route(boxes, conduits) };
    }

    private static List<DiagramArrow> Route(List<DiagramBox> boxes, IReadOnlyList<Conduit> conduits)
    {
        var boxOf = boxes.ToDictionary(b => b.Zone.Id, StringComparer.Ordinal);
        var drawable = conduits.Where(c => boxOf.ContainsKey(c.FromZoneId) && boxOf.ContainsKey(c.ToZoneId) && c.FromZoneId != c.ToZoneId).ToList();

        // Each box edge gets one anchor per conduit, spread along the edge in the order of the far ends, so arrows do not stack.
        var anchors = new Dictionary<(string Zone, Edge Edge), List<(Conduit Conduit, double OtherX)>>();
        foreach (var c in drawable)
        {
            var (fromEdge, toEdge) = Edges(boxOf[c.FromZoneId], boxOf[c.ToZoneId]);
            Add(anchors, (c.FromZoneId, fromEdge), c, boxOf[c.ToZoneId].CenterX);
            Add(anchors, (c.ToZoneId, toEdge), c, boxOf[c.FromZoneId].CenterX);
        }

        double AnchorX(string zone, Edge edge, Conduit c)
        {
            var list = anchors[(zone, edge)].OrderBy(a => a.OtherX).ThenBy(a => a.Conduit.Id, StringComparer.Ordinal).ToList();
            var index = list.FindIndex(a => ReferenceEquals(a.Conduit, c));
            return boxOf[zone].X + (BoxWidth * (index + 1) / (list.Count + 1));
        }

        // Conduits between the same two zones put their labels on alternate sides so they do not overwrite each other.
        var perPair = new Dictionary<(string, string), int>();
        var arrows = new List<DiagramArrow>();
        foreach (var c in drawable)
        {
            var pair = string.CompareOrdinal(c.FromZoneId, c.ToZoneId) < 0 ? (c.FromZoneId, c.ToZoneId) : (c.ToZoneId, c.FromZoneId);
            var nth = perPair.GetValueOrDefault(pair);
            perPair[pair] = nth + 1;
            var anchor = nth % 2 == 0 ? "start" : "end";
            var from = boxOf[c.FromZoneId];
            var to = boxOf[c.ToZoneId];
            var (fromEdge, toEdge) = Edges(from, to);
            var x1 = AnchorX(from.Zone.Id, fromEdge, c);
            var x2 = AnchorX(to.Zone.Id, toEdge, c);
            var y1 = fromEdge == Edge.Top ? from.Y : from.Y + BoxHeight;
            var y2 = toEdge == Edge.Top ? to.Y : to.Y + BoxHeight;
            string path;
            double lx, ly;
            if (fromEdge == toEdge)
            {
                // Same row: an arc that leaves and enters the same edge, bulging out of the row.
                var bulge = fromEdge == Edge.Top ? -BandPadding + 4 : BandPadding - 4;
                var mx = (x1 + x2) / 2;
                var my = y1 + bulge;
                path = FormattableString.Invariant($"M {x1:0.#} {y1:0.#} Q {x1:0.#} {my:0.#} {mx:0.#} {my:0.#} Q {x2:0.#} {my:0.#} {x2:0.#} {y2:0.#}");
                (lx, ly) = (mx, my - 4);
            }
            else if (Blockers(boxes, from, to, x1, x2) is { Count: > 0 } blockers)
            {
                // Skips a level with boxes in the way: detour through a lane beside them instead of crossing them.
                var right = blockers.Max(b => b.X + BoxWidth) + 28;
                var left = blockers.Min(b => b.X) - 28;
                var lane = Math.Abs(right - ((x1 + x2) / 2)) <= Math.Abs(((x1 + x2) / 2) - left) || left < LabelWidth ? right : left;
                var my = (y1 + y2) / 2;
                var dy = y2 > y1 ? 22 : -22;
                path = FormattableString.Invariant(
                    $"M {x1:0.#} {y1:0.#} C {x1:0.#} {y1 + dy:0.#} {lane:0.#} {y1 + dy:0.#} {lane:0.#} {my:0.#} C {lane:0.#} {y2 - dy:0.#} {x2:0.#} {y2 - dy:0.#} {x2:0.#} {y2:0.#}");
                (lx, ly) = (lane, my);
                anchor = lane == right ? "start" : "end";
            }
            else
            {
                var mx = (x1 + x2) / 2;
                var my = (y1 + y2) / 2;
                path = FormattableString.Invariant($"M {x1:0.#} {y1:0.#} L {mx:0.#} {my:0.#} L {x2:0.#} {y2:0.#}");
                (lx, ly) = (mx, my);
            }

            arrows.Add(new DiagramArrow(c, from.Zone, to.Zone, path, lx, ly, anchor, InventoryValidator.CrossesDmzBoundary(from.Zone.Level, to.Zone.Level)));
        }

        // Of two conduits between the same zones, the left one is labelled on its left and the right one on its right.
        foreach (var group in arrows.GroupBy(a => string.CompareOrdinal(a.From.Id, a.To.Id) < 0 ? (a.From.Id, a.To.Id) : (a.To.Id, a.From.Id)).Where(g => g.Count() > 1))
        {
            var ordered = group.OrderBy(a => a.LabelX).ToList();
            var i = arrows.IndexOf(ordered[0]);
            arrows[i] = arrows[i] with { LabelAnchor = "end" };
            foreach (var other in ordered.Skip(1))
            {
                var j = arrows.IndexOf(other);
                arrows[j] = arrows[j] with { LabelAnchor = "start" };
            }
        }

        return arrows;
    }

    /// <summary>Boxes strictly between the two ends vertically whose span overlaps the straight line's horizontal range.</summary>
    private static List<DiagramBox> Blockers(List<DiagramBox> boxes, DiagramBox from, DiagramBox to, double x1, double x2)
    {
        var top = Math.Min(from.Y, to.Y) + BoxHeight;
        var bottom = Math.Max(from.Y, to.Y);
        var lo = Math.Min(x1, x2) - 6;
        var hi = Math.Max(x1, x2) + 6;
        return boxes.Where(b => !ReferenceEquals(b, from) && !ReferenceEquals(b, to)
            && b.Y >= top && b.Y + BoxHeight <= bottom && b.X <= hi && b.X + BoxWidth >= lo).ToList();
    }

    private enum Edge
    {
        Top,
        Bottom,
    }

    private static (Edge From, Edge To) Edges(DiagramBox from, DiagramBox to) =>
        Math.Abs(from.Y - to.Y) < 1 ? (Edge.Top, Edge.Top)
        : from.Y < to.Y ? (Edge.Bottom, Edge.Top)
        : (Edge.Top, Edge.Bottom);

    private static void Add(Dictionary<(string, Edge), List<(Conduit, double)>> anchors, (string, Edge) key, Conduit c, double otherX)
    {
        if (!anchors.TryGetValue(key, out var list))
        {
            anchors[key] = list = [];
        }

        list.Add((c, otherX));
    }
}
