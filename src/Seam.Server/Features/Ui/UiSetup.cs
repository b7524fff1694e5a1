using MudBlazor.Services;
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
    }

    public static void MapSeamUi(this WebApplication app)
    {
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();
    }
}
