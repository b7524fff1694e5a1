namespace Seam.Server.Features.Api;

public static class ProblemDetailsSetup
{
    /// <summary>Every error leaves the server as RFC 7807 problem details; exception text never reaches a client.</summary>
    public static void AddSeamProblemDetails(this IHostApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
            if (ctx.ProblemDetails.Status >= StatusCodes.Status500InternalServerError)
            {
                // Whatever the environment, a client never sees exception text: only where to look it up.
                ctx.ProblemDetails.Detail = $"The server could not complete the request. The error was logged with trace id {ctx.HttpContext.TraceIdentifier}.";
                ctx.ProblemDetails.Extensions.Remove("exception");
                ctx.ProblemDetails.Extensions.Remove("errors");
            }
        });
    }

    public static void UseSeamProblemDetails(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
    }
}
