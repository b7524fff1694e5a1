using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.OpenApi;
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
            .RequireAuthorization(SeamPolicies.InventoryWriter)

            // Scripts authenticate with bearer tokens; browser sessions are protected by the SameSite=Strict cookie.
            .DisableAntiforgery()
            .AddOpenApiOperationTransformer((operation, _, _) =>
            {
                operation.RequestBody = new OpenApiRequestBody
                {
                    Required = true,
                    Description = "One part per file: per-entity CSV files, an asset-list sheet, or one JSON document.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["multipart/form-data"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["files"] = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String, Format = "binary" } },
                                },
                            },
                        },
                    },
                };
                return Task.CompletedTask;
            })
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

        // The form is read here rather than bound as a parameter: a bound form would make routing answer 415 to a wrong
        // content type before authentication has had its say.
        if (!request.HasFormContentType)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "No files",
                detail: "Send the files as multipart/form-data, one part per file.");
        }

        var form = await request.ReadFormAsync(ct);
        var inventoryFiles = form.Files.Select(f => new InventoryFile(f.FileName, f.OpenReadStream, f.Length)).ToList();
        var outcome = await importer.ImportAsync(inventoryFiles, importMode, user.ActorName(), ImportAuthorization.For(user), cancellationToken: ct);
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
