using System.Security.Claims;
using Seam.Inventory;
using Seam.Inventory.Exchange;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Imports;
using Seam.Storage;
using StoreProgress = Seam.Storage.ImportProgress;
using UiProgress = Seam.Server.Features.Ui.Imports.ImportProgress;

namespace Seam.Server.Features.Imports;

/// <summary>The Imports page's pipeline: the exchange readers and the bulk store behind <see cref="InventoryImporter"/>.</summary>
public sealed class InventoryImportRunner(InventoryImporter importer) : IInventoryImportRunner
{
    public async Task<ImportRunResult> RunAsync(IReadOnlyList<ImportFile> files, ImportMode mode, ClaimsPrincipal user,
        IProgress<UiProgress> progress, CancellationToken cancellationToken)
    {
        progress.Report(new UiProgress(ImportStage.Reading, files.Count == 1 ? files[0].Name : null, 0, null));
        var storeProgress = new Progress<StoreProgress>(p => progress.Report(new UiProgress(ImportStage.Storing, null, p.RowsWritten, p.TotalRows)));
        var outcome = await importer.ImportAsync(
            files.Select(f => new InventoryFile(f.Name, f.Open, f.Length)).ToList(),
            mode, user.ActorName(), ImportAuthorization.For(user), progress: storeProgress, cancellationToken: cancellationToken);

        var errors = outcome.Errors.Select(e => new ImportRowError(
            e.File, (int)(e.Line ?? 1), (int)(e.Column ?? 1), e.ColumnName ?? e.JsonPath, e.Expected is null ? e.Message : $"{e.Message} (expected {e.Expected})")).ToList();
        if (!outcome.Succeeded)
        {
            return ImportRunResult.Failed(outcome.Message, errors);
        }

        int Count(InventoryEntity entity) => outcome.Counts.TryGetValue(entity, out var c) ? c.Created + c.Updated + c.Deleted : 0;
        var counts = new ImportCounts(Count(InventoryEntity.Site), Count(InventoryEntity.Zone), Count(InventoryEntity.Conduit),
            Count(InventoryEntity.Asset), Count(InventoryEntity.EntryPoint), Count(InventoryEntity.Team), Count(InventoryEntity.Person));
        return new ImportRunResult(true, outcome.Message, [], counts, outcome.Smells);
    }
}
