using Microsoft.AspNetCore.Components.Web;

namespace Seam.Server.Features.Ui.Shared;

public static class UiRenderModes
{
    /// <summary>Interactive server rendering without prerendering (see App.razor for why).</summary>
    public static InteractiveServerRenderMode Interactive { get; } = new(prerender: false);
}
