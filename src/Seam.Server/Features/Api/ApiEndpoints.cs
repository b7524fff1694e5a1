using Seam.Server.Features.Audit;
using Seam.Server.Features.Auth;

namespace Seam.Server.Features.Api;

public static class ApiEndpoints
{
    public static void AddSeamApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1", OpenApiSecurity.Configure);
        builder.Services.AddScoped<InventoryChecks>();
        builder.Services.AddScoped<InventoryOverview>();
        builder.Services.AddSingleton<InventoryProblemsCache>();
    }

    /// <summary>The JSON API under /api/v1. Every endpoint needs a signed-in user (cookie or API token).</summary>
    public static void MapSeamApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        var api = app.MapGroup("/api/v1").RequireAuthorization(AuthSetup.SignedIn);
        SitesApi.Map(api);
        ZonesApi.Map(api);
        ConduitsApi.Map(api);
        AssetsApi.Map(api);
        EntryPointsApi.Map(api);
        TeamsApi.Map(api);
        OverviewApi.Map(api);
        api.MapAuditEndpoints();
        api.MapUserEndpoints();
        api.MapTokenEndpoints();
    }
}
