using Seam.Server.Features.Api;
using Seam.Server.Features.Audit;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Discovery;
using Seam.Server.Features.Exposure;
using Seam.Server.Features.Governance;
using Seam.Server.Features.Health;
using Seam.Server.Features.Imports;
using Seam.Server.Features.Intelligence;
using Seam.Server.Features.Notifications;
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

        // Run from a build (not a publish), the UI's static files — MudBlazor, blazor.web.js, scoped CSS — are
        // found through the build's asset manifest, which ASP.NET Core reads by itself only in Development.
        // A published folder has no such manifest and serves the files from wwwroot; then this does nothing.
        builder.WebHost.UseStaticWebAssets();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(options.Clock);
        builder.Services.AddSeamStorage(options.Database);

        builder.AddSeamProblemDetails();
        builder.AddSeamAudit();
        builder.AddSeamAuth();
        builder.AddSeamApi();
        builder.AddSeamImports();
        builder.AddSeamIntelligence();
        builder.AddSeamNotifications();
        builder.AddSeamGovernance();
        builder.AddSeamUi();

        var app = builder.Build();
        app.UseSeamProblemDetails();
        app.UseSeamAuth();
        app.MapSeamHealth();
        app.MapSeamAuth();
        app.MapSeamApi();
        app.MapSeamImports();
        app.MapSeamIntelligence();
        app.MapSeamDiscovery();
        app.MapSeamNotifications();
        app.MapSeamExposure();
        app.MapSeamGovernance();
        app.MapSeamUi();
        return app;
    }
}
