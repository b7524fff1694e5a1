namespace Seam.Inventory;

/// <summary>How an import combines with what is already stored.</summary>
public enum ImportMode
{
    /// <summary>Records in the import are created or replace the stored record with the same id; everything else stays.</summary>
    Merge,

    /// <summary>The import becomes the whole inventory; stored records it does not mention are removed.</summary>
    Replace,
}

/// <summary>Combines a stored inventory with an incoming one, record by record on id. Pure.</summary>
public static class InventoryMerge
{
    public static InventoryModel Apply(InventoryModel existing, InventoryModel incoming, ImportMode mode) =>
        mode == ImportMode.Replace ? incoming : new InventoryModel
        {
            Teams = Upsert(existing.Teams, incoming.Teams, t => t.Id),
            People = Upsert(existing.People, incoming.People, p => p.Id),
            Sites = Upsert(existing.Sites, incoming.Sites, s => s.Id),
            Zones = Upsert(existing.Zones, incoming.Zones, z => z.Id),
            Conduits = Upsert(existing.Conduits, incoming.Conduits, c => c.Id),
            Assets = Upsert(existing.Assets, incoming.Assets, a => a.Id),
            EntryPoints = Upsert(existing.EntryPoints, incoming.EntryPoints, e => e.Id),
        };

    /// <summary>Existing order is kept, replaced records stay in place, new records are appended in incoming order.</summary>
    private static List<T> Upsert<T>(IReadOnlyList<T> existing, IReadOnlyList<T> incoming, Func<T, string> id)
    {
        if (incoming.Count == 0)
        {
            return existing.ToList();
        }

        var replacements = new Dictionary<string, T>(incoming.Count, StringComparer.Ordinal);
        foreach (var item in incoming)
        {
            replacements[id(item)] = item;
        }

        var result = new List<T>(existing.Count + incoming.Count);
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in existing)
        {
            var key = id(item);
            if (replacements.TryGetValue(key, out var replacement))
            {
                result.Add(replacement);
                used.Add(key);
            }
            else
            {
                result.Add(item);
            }
        }

        foreach (var item in incoming)
        {
            if (used.Add(id(item)))
            {
                result.Add(item);
            }
        }

        return result;
    }
}
