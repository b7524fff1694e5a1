using Seam.Inventory;
using Seam.Inventory.Exchange;
using Seam.Storage.Intelligence;

namespace Seam.Storage;

/// <summary>
/// The whole import: read the files against what is stored, let the caller authorise what they touch, then
/// validate and write everything in one transaction — or nothing. Used by the CLI, the API and the web UI.
/// </summary>
/// <remarks>
/// With a <see cref="FindingStore"/>, a successful import re-matches the stored advisories against the new inventory, so
/// new assets get their findings and changed versions move in or out of advisory ranges.
/// </remarks>
public sealed class InventoryImporter(InventoryStore store, FindingStore? findings = null)
{
    /// <param name="authorize">Called with the parsed import before anything is written; returns a refusal in plain words, or null to go on.</param>
    public async Task<InventoryImportOutcome> ImportAsync(
        IReadOnlyList<InventoryFile> files,
        ImportMode mode,
        string actor,
        Func<InventoryScope, string?>? authorize = null,
        ImportOptions? options = null,
        IProgress<ImportProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        if (files.Count == 0)
        {
            return InventoryImportOutcome.Refused("No files were given.", []);
        }

        var existing = await store.LoadAsync(cancellationToken);
        var read = InventoryReader.Read(files, existing, options);
        if (!read.Succeeded)
        {
            return InventoryImportOutcome.Refused(
                $"Nothing was imported: {read.Errors.Count} error(s) in the files.", read.Errors, read.Warnings);
        }

        var refusal = authorize?.Invoke(InventoryScope.Of(read.Incoming, existing, mode));
        if (refusal is not null)
        {
            return InventoryImportOutcome.Refused(refusal, [], read.Warnings);
        }

        var written = await store.ApplyAsync(read.Incoming, mode, actor, progress, cancellationToken);
        if (!written.Applied)
        {
            var errors = written.Errors.Select(read.Locate).ToList();
            return InventoryImportOutcome.Refused(
                $"Nothing was imported: {errors.Count} problem(s) in the inventory the import would create.", errors, read.Warnings);
        }

        if (findings is not null)
        {
            await findings.RefreshAsync(actor, cancellationToken: cancellationToken);
        }

        return new InventoryImportOutcome(true, Summary(written), [], read.Warnings, written.Counts,
            written.Smells.ToList(), written.AuditEntryId);
    }

    private static string Summary(InventoryWriteResult written)
    {
        var parts = written.Counts
            .Where(c => c.Value.Created + c.Value.Updated + c.Value.Deleted > 0)
            .Select(c => $"{c.Key}: {c.Value}");
        var text = string.Join("; ", parts);
        return text.Length == 0 ? "Imported: everything was already up to date." : "Imported. " + text + ".";
    }
}

/// <summary>What an import touches, for authorisation: the sites of its records, and whether it changes records that belong to no site.</summary>
public sealed record InventoryScope(IReadOnlySet<string> Sites, bool TouchesGlobalRecords, ImportMode Mode)
{
    public static InventoryScope Of(InventoryModel incoming, InventoryModel existing, ImportMode mode)
    {
        var sites = new HashSet<string>(StringComparer.Ordinal);
        sites.UnionWith(incoming.Sites.Select(s => s.Id));
        sites.UnionWith(incoming.Zones.Select(z => z.SiteId));
        sites.UnionWith(incoming.Conduits.Select(c => c.SiteId));
        sites.UnionWith(incoming.Assets.Select(a => a.SiteId));
        sites.UnionWith(incoming.EntryPoints.Select(e => e.SiteId));

        // A record that moves to another site touches the site it leaves, too.
        var storedAssetSites = existing.Assets.ToDictionary(a => a.Id, a => a.SiteId, StringComparer.Ordinal);
        foreach (var a in incoming.Assets)
        {
            if (storedAssetSites.TryGetValue(a.Id, out var before))
            {
                sites.Add(before);
            }
        }

        if (mode == ImportMode.Replace)
        {
            sites.UnionWith(existing.Sites.Select(s => s.Id));
        }

        var global = incoming.Teams.Count > 0 || incoming.People.Count > 0 || mode == ImportMode.Replace;
        return new InventoryScope(sites, global, mode);
    }
}

/// <param name="Succeeded">True only when the import was stored.</param>
/// <param name="Message">One line in plain words.</param>
/// <param name="Errors">Positioned errors (file:line:column) when refused.</param>
/// <param name="Warnings">Things that were read but ignored, such as unknown columns in an asset-list sheet.</param>
/// <param name="Smells">Policy smells in the stored inventory after the import.</param>
public sealed record InventoryImportOutcome(
    bool Succeeded,
    string Message,
    IReadOnlyList<ImportError> Errors,
    IReadOnlyList<ImportError> Warnings,
    IReadOnlyDictionary<InventoryEntity, EntityWriteCounts> Counts,
    IReadOnlyList<InventoryProblem> Smells,
    long? AuditEntryId)
{
    public static InventoryImportOutcome Refused(string message, IReadOnlyList<ImportError> errors, IReadOnlyList<ImportError>? warnings = null) =>
        new(false, message, errors, warnings ?? [], new Dictionary<InventoryEntity, EntityWriteCounts>(), [], null);
}
