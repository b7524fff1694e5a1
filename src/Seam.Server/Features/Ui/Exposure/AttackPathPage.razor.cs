using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Seam.Exposure;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Ui.Exposure;

public partial class AttackPathPage
{
    private ExposureView? view;
    private Asset? asset;
    private CrownJewelStatus? jewel;
    private FindingExposure? findingResult;
    private AttackPath? path;
    private IReadOnlyList<CutElement> cuts = [];
    private IReadOnlyList<FindingExposure> otherFindings = [];

    /// <summary>The crown jewel (or the finding's asset) the path ends on.</summary>
    [Parameter]
    public string AssetId { get; set; } = "";

    /// <summary>"likely" (default) for the most likely path, "shortest" for the one with the fewest hops.</summary>
    [SupplyParameterFromQuery(Name = "kind")]
    public string? Kind { get; set; }

    /// <summary>Show this finding's best path instead of the crown jewel's.</summary>
    [SupplyParameterFromQuery(Name = "finding")]
    public string? FindingId { get; set; }

    [Inject]
    private ExposureService Exposure { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool Shortest => string.Equals(Kind, "shortest", StringComparison.OrdinalIgnoreCase);

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Exposure", "/exposure"),
        new("Attack path to " + (view?.AssetName(AssetId) ?? AssetId), null, disabled: true),
    ];

    private string NoPathText => (jewel, findingResult) switch
    {
        (_, { } f) => $"No entry point reaches {f.VulnerabilityId} here: {f.Reason}",
        ({ Reachable: false } j, _) => $"No entry point reaches {j.Name}: there is no path to draw. {j.ForIt}",
        _ => "This asset is not a crown jewel, so no path to it is kept. Its reachable findings each have their best path:",
    };

    protected override async Task OnParametersSetAsync()
    {
        var user = (await AuthState).User;
        view = new ExposureView(await Exposure.CurrentAsync(), user.VisibleSites());
        asset = view.CanSeeAsset(AssetId) ? view.Asset(AssetId) : null;
        jewel = asset is null ? null : view.CrownJewel(AssetId);
        findingResult = asset is null ? null : view.FindingResult(FindingId) is { } f && f.AssetId == AssetId ? f : null;
        path = findingResult is not null ? findingResult.BestPath
            : Shortest ? jewel?.ShortestPath ?? jewel?.MostLikelyPath
            : jewel?.MostLikelyPath;
        cuts = path is null ? [] : view.ChokePointsOn(path);
        otherFindings = asset is null ? [] : [.. view.ReachableFindings.Where(r => r.AssetId == AssetId && r.BestPath is not null)];
    }

    public static string PathLink(string assetId, string kind = "likely") =>
        $"/exposure/paths/{Uri.EscapeDataString(assetId)}" + (kind == "likely" ? "" : "?kind=" + kind);

    public static string FindingPathLink(FindingExposure f) =>
        $"/exposure/paths/{Uri.EscapeDataString(f.AssetId)}?finding={Uri.EscapeDataString(f.FindingId)}";
}
