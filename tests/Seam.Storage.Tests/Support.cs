using Microsoft.EntityFrameworkCore;
using Seam.Testing.Databases;
using Seam.Testing.Inventory;

namespace Seam.Storage.Tests;

/// <summary>Collects progress reports synchronously, on the writing thread (unlike <see cref="Progress{T}"/>, which posts them).</summary>
internal sealed class RecordingProgress(Action<ImportProgress>? onReport = null) : IProgress<ImportProgress>
{
    public List<ImportProgress> Reports { get; } = [];

    public void Report(ImportProgress value)
    {
        Reports.Add(value);
        onReport?.Invoke(value);
    }
}

internal static class Snapshot
{
    /// <summary>Everything an import may change, as text: the inventory and the number of audit entries.</summary>
    public static async Task<string> OfAsync(TestDatabase database)
    {
        var inventory = await database.CreateInventoryStore().LoadAsync();
        await using var db = database.CreateContext();
        return InventoryJson.Canonical(inventory) + "\naudit entries: " + await db.AuditEntries.CountAsync();
    }
}
