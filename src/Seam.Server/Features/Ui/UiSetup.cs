using Microsoft.Extensions.DependencyInjection.Extensions;
using MudBlazor.Services;
using Seam.Server.Features.Ui.Imports;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui;

public static class UiSetup
{
    public static void AddSeamUi(this IHostApplicationBuilder builder)
    {
        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddScoped<UiData>();

        // Placeholder until the import pipeline lands: refuses every run with a clear message (never fakes success).
        // TryAdd so that the pipeline's own registration (made before or after this) wins.
        builder.Services.TryAddScoped<IInventoryImportRunner, ImportsNotWiredRunner>();
    }

    public static void MapSeamUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
