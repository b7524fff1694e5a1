using Microsoft.EntityFrameworkCore;
using Seam.Storage;

namespace Seam.Server.Features.Health;

public static class HealthEndpoints
{
    /// <summary>GET /health: 200 with the database it uses when the database answers, 503 otherwise. Anonymous, for load balancers.</summary>
    public static void MapSeamHealth(this WebApplication app)
    {
        app.MapGet("/health", async (SeamDbContext db, DatabaseOptions options, CancellationToken ct) =>
        {
            var ok = await db.Database.CanConnectAsync(ct);
            var body = new HealthReport(ok ? "healthy" : "unhealthy", options.Provider.ToString().ToLowerInvariant());
            return ok ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        }).AllowAnonymous().WithName("Health").WithTags("Health");
    }

    public sealed record HealthReport(string Status, string Database);
}
