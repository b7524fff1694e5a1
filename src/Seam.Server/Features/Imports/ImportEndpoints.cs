using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Seam.Inventory;
using Seam.Inventory.Exchange;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Imports;
using Seam.Storage;

namespace Seam.Server.Features.Imports;

public static class ImportEndpoints
{
    public static void AddSeamImports(this IHostApplicationBuilder builder) =>
        builder.Services.AddScoped<IInventoryImportRunner, InventoryImportRunner>();

    /// <summary>POST /api/v1/inventory/import: multipart upload of CSV/JSON files, all-or-nothing.</summary>
    public static void MapSeamImports(this WebApplication app)
    {
        app.MapPost("/api/v1/inventory/import", ImportAsync)
            .RequireAuthorization(AuthSetup.SignedIn)
            .DisableAntiforgery()
            .Accepts<IFormFileCollection>("multipart/form-data")
            .WithName("ImportInventory")
            .WithTags("Inventory")
            .WithSummary("Import inventory files (per-entity CSV, an asset-list sheet, or JSON) in one transaction")
            .WithDescription("mode=merge (default) creates or replaces records by id; mode=replace makes the upload the whole inventory. Refused imports return 422 with every error and its file:line:column.");
    }

    public sealed record ImportErrorDto(string File, long? Line, long? Column, string? Column_name, string Message, string? Expected, string Location);

    public sealed record ImportResponse(string Message, IReadOnlyDictionary<string, EntityWriteCounts> Counts, IReadOnlyList<ImportErrorDto> Warnings, IReadOnlyList<InventoryProblem> Smells);

    private static async Task<Results<Ok<ImportResponse>, ProblemHttpResult>> ImportAsync(
        HttpRequest request, ClaimsPrincipal user, InventoryImporter importer, string? mode, CancellationToken ct)
    {
        if (!user.HasRoleAnywhere(Access.Role.Engineer))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden",
                detail: "Importing inventory needs the engineer role.");
        }

        ImportMode importMode;
        if (string.IsNullOrEmpty(mode) || mode.Equals("merge", StringComparison.OrdinalIgnoreCase))
        {
            importMode = ImportMode.Merge;
        }
        else if (mode.Equals("replace", StringComparison.OrdinalIgnoreCase))
        {
            importMode = ImportMode.Replace;
        }
        else
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid mode",
                detail: $"mode '{mode}' is not merge or replace.");
        }

        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "No files",
                detail: "Send the files as multipart/form-data.");
        }

        var form = await request.ReadFormAsync(ct);
        var files = form.Files.Select(f => new InventoryFile(f.FileName, f.OpenReadStream, f.Length)).ToList();
        var outcome = await importer.ImportAsync(files, importMode, user.ActorName(), ImportAuthorization.For(user), cancellationToken: ct);
        if (!outcome.Succeeded)
        {
            var problem = TypedResults.Problem(statusCode: outcome.Errors.Count == 0 ? StatusCodes.Status403Forbidden : StatusCodes.Status422UnprocessableEntity,
                title: "Nothing was imported", detail: outcome.Message,
                extensions: new Dictionary<string, object?> { ["errors"] = outcome.Errors.Select(ToDto).ToList() });
            return problem;
        }

        return TypedResults.Ok(new ImportResponse(outcome.Message,
            outcome.Counts.ToDictionary(c => c.Key.ToString(), c => c.Value),
            outcome.Warnings.Select(ToDto).ToList(), outcome.Smells));
    }

    private static ImportErrorDto ToDto(ImportError e) =>
        new(e.File, e.Line, e.Column, e.ColumnName, e.Message, e.Expected, e.ToString());
}
