using MudBlazor;

namespace Seam.Server.Features.Ui.Shared;

public static class SeamTheme
{
    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e79",
            Secondary = "#546e7a",
            AppbarBackground = "#1f3a56",
            Warning = "#d9822b",
            Error = "#c62828",
        },
    };
}
