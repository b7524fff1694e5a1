using Seam.Server.Features.Api;
using Seam.Server.Features.Audit;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Health;
using Seam.Server.Features.Imports;
using Seam.Server.Features.Ui;
using Seam.Storage;

namespace Seam.Server;

/// <summary>Builds the one Seam process: JSON API, web UI, authentication, health.</summary>
public static class SeamServer
{
    public static WebApplication Build(ServerOptions options, string[]? args = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args ?? [],
            ApplicationName = options.ApplicationName ?? typeof(SeamServer).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddInMemoryCollection(options.Settings);
        builder.WebHost.UseUrls(options.Urls);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Clock);
        builder.Services.AddSeamStorage(options.Database);

        builder.AddSeamProblemDetails();
        builder.AddSeamAudit();
        builder.AddSeamAuth();
        builder.AddSeamApi();
        builder.AddSeamImports();
        builder.AddSeamUi();

        var app = builder.Build();
        app.UseSeamProblemDetails();
        app.UseSeamAuth();
        app.MapSeamHealth();
        app.MapSeamAuth();
        app.MapSeamApi();
        app.MapSeamImports();
        app.MapSeamUi();
        return app;
    }
}
