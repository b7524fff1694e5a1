using System.Security.Claims;
using Seam.Inventory;

namespace Seam.Server.Features.Ui.Imports;

/// <summary>
/// What the Imports page needs from the import pipeline (CSV/JSON readers and the bulk store). The interface keeps
/// the page testable without a database; the server registers <c>InventoryImportRunner</c> from Features/Imports.
/// </summary>
/// <remarks>
/// Contract for implementers:
/// <list type="bullet">
/// <item>All-or-nothing: the files of one run are validated together and stored in one transaction, or not at all.</item>
/// <item>Authorisation: refuse (as an error, not an exception) unless <paramref name="user"/> holds Engineer on every
/// site the files touch; for <see cref="ImportMode.Replace"/>, Engineer on every site (<c>SeamClaims.HasRole(user, Role.Engineer, null)</c>).</item>
/// <item>Audit: record the import with <c>AuditLog.Record(user.ActorName(), "import", …)</c> in the same SaveChanges.</item>
/// <item>Progress: report often enough for a bar to move (every few thousand rows), from any thread.</item>
/// <item>Errors name file, line and column (1-based), the column/field name and what was expected.</item>
/// </list>
/// </remarks>
public interface IInventoryImportRunner
{
    Task<ImportRunResult> RunAsync(IReadOnlyList<ImportFile> files, ImportMode mode, ClaimsPrincipal user,
        IProgress<ImportProgress> progress, CancellationToken cancellationToken);
}

/// <summary>One uploaded file, already stored in a temporary file by the page. <see cref="Open"/> may be called more than once.</summary>
/// <param name="Name">The file name as the user chose it, e.g. "assets.csv"; the extension says CSV or JSON.</param>
/// <param name="Length">Size in bytes.</param>
/// <param name="Open">Opens a fresh read-only stream over the content.</param>
public sealed record ImportFile(string Name, long Length, Func<Stream> Open);

public enum ImportStage
{
    Reading,
    Validating,
    Storing,
}

/// <param name="Stage">What the runner is doing now.</param>
/// <param name="File">The file being read, when reading.</param>
/// <param name="RowsDone">Rows read (Reading) or records stored (Storing) so far.</param>
/// <param name="RowsTotal">Known total, or null when unknown.</param>
public sealed record ImportProgress(ImportStage Stage, string? File, long RowsDone, long? RowsTotal);

/// <summary>One refused row or value. <see cref="Location"/> reads like a compiler message: "assets.csv:12:5".</summary>
public sealed record ImportRowError(string File, int Line, int Column, string? Field, string Message)
{
    public string Location => $"{File}:{Line}:{Column}";
}

/// <summary>Records written per kind; all zero when the run failed.</summary>
public sealed record ImportCounts(int Sites, int Zones, int Conduits, int Assets, int EntryPoints, int Teams, int People)
{
    public static ImportCounts None { get; } = new(0, 0, 0, 0, 0, 0, 0);

    public int Total => Sites + Zones + Conduits + Assets + EntryPoints + Teams + People;
}

/// <param name="Succeeded">True only when the data was stored.</param>
/// <param name="Message">A one-line summary in plain words, shown above the errors.</param>
/// <param name="Errors">Row errors; empty on success.</param>
/// <param name="Smells">Policy smells found in what was stored (stored and flagged, not refused).</param>
public sealed record ImportRunResult(bool Succeeded, string Message, IReadOnlyList<ImportRowError> Errors, ImportCounts Counts,
    IReadOnlyList<InventoryProblem> Smells)
{
    public static ImportRunResult Failed(string message, IReadOnlyList<ImportRowError>? errors = null) =>
        new(false, message, errors ?? [], ImportCounts.None, []);
}
