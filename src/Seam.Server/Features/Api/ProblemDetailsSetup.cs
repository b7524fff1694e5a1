namespace Seam.Server.Features.Api;

public static class ProblemDetailsSetup
{
    /// <summary>Every error leaves the server as RFC 7807 problem details; exception text never reaches a client.</summary>
    public static void AddSeamProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier);
    }

    public static void UseSeamProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}
