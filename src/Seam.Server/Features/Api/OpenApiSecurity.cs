using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Seam.Server.Features.Api;

/// <summary>
/// Marks a write that any signed-in user may make on their own records only (marking their notifications read), so
/// that the OpenAPI document says so and OpenApiSecurityTests expects a viewer to get through instead of a 403.
/// </summary>
internal sealed class OwnRecordsWrite
{
    public static readonly OwnRecordsWrite Instance = new();
}

/// <summary>Declares the two ways to authenticate and marks every protected operation with them.</summary>
internal static class OpenApiSecurity
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

    /// <summary>The operation extension that flags an <see cref="OwnRecordsWrite"/>.</summary>
    public const string OwnRecordsExtension = "x-seam-own-records";

    public static void Configure(OpenApiOptions options)
    {
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Seam API";
            document.Info.Description = "Inventory, overview, audit and account administration of a Seam server. See docs/api.md.";
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "An API token (seam_…) created under /api/v1/tokens or in the web UI.",
            };
            document.Components.SecuritySchemes[Cookie] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Cookie,
                Name = "seam.session",
                Description = "The session cookie of a signed-in browser.",
            };
            return Task.CompletedTask;
        });

        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            if (metadata.OfType<IAllowAnonymous>().Any() || !metadata.OfType<IAuthorizeData>().Any())
            {
                return Task.CompletedTask;
            }

            operation.Security ??= [];
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] });
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Cookie, context.Document)] = [] });
            operation.Responses ??= [];
            operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No valid credentials (problem details)" });
            if (metadata.OfType<OwnRecordsWrite>().Any())
            {
                operation.Extensions ??= new Dictionary<string, IOpenApiExtension>();
                operation.Extensions[OwnRecordsExtension] = new JsonNodeExtension(System.Text.Json.Nodes.JsonValue.Create(true));
                return Task.CompletedTask;
            }

            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Too few rights (problem details)" });
            return Task.CompletedTask;
        });
    }
}
