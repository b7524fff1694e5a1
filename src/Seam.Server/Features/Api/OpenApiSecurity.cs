using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Seam.Server.Features.Api;

/// <summary>Declares the two ways to authenticate and marks every protected operation with them.</summary>
internal static class OpenApiSecurity
{
    public const string Bearer = "bearer";
    public const string Cookie = "cookie";

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
            operation.Responses.TryAdd("403", new OpenApiResponse { Description = "Too few rights (problem details)" });
            return Task.CompletedTask;
        });
    }
}
