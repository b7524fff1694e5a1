namespace Seam.Server.Features.Api;

public static class ApiEndpoints
{
    public static void AddSeamApi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOpenApi("v1");
    }

    public static void MapSeamApi(this WebApplication app)
    {
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGroup("/api/v1").WithTags("Inventory");
    }
}
