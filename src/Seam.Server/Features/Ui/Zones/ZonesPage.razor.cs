using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Inventory;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Zones;

public partial class ZonesPage
{
    private List<Site> sites = [];
    private SiteNetwork? network;
    private PurdueDiagramLayout? layout;
    private bool loading = true;
    private bool canEdit;
    private bool scrolled;
    private string zoneSearch = "";
    private string conduitSearch = "";
    private string? target;
    private ClaimsPrincipal user = new();

    /// <summary>The site to show; the first visible site when absent.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? Site { get; set; }

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private IScrollManager Scroll { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        var fragment = new Uri(Navigation.Uri).Fragment;
        target = fragment.Length > 1 ? Uri.UnescapeDataString(fragment[1..]) : null;
        scrolled = false;
        (sites, network) = await Data.ReadAsync(async db =>
        {
            var visible = await db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync();
            var siteId = Site ?? visible.FirstOrDefault()?.Id;
            var net = siteId is not null && visible.Any(s => s.Id == siteId) ? await SiteNetwork.LoadAsync(db, siteId) : null;
            return (visible, net);
        });
        layout = network is null ? null : PurdueDiagramLayout.Build(network.Zones, network.Conduits, network.AssetCounts);
        canEdit = network is not null && user.CanEdit(network.Site.Id);
        loading = false;
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!loading && !scrolled && target is not null)
        {
            scrolled = true;
            await Scroll.ScrollIntoViewAsync("#" + target, ScrollBehavior.Smooth);
        }
    }

    private void PickSite(string siteId) => Navigation.NavigateTo("/zones?site=" + Uri.EscapeDataString(siteId));

    private bool IsTarget(string kind, string id) => target == kind + "-" + RecordLinks.Anchor(id);

    private bool MatchesZone(Zone z) =>
        string.IsNullOrWhiteSpace(zoneSearch)
        || z.Name.Contains(zoneSearch, StringComparison.OrdinalIgnoreCase)
        || z.Id.Contains(zoneSearch, StringComparison.OrdinalIgnoreCase)
        || z.Level.ToNumber() == zoneSearch.Trim()
        || z.Subnets.Any(s => s.Contains(zoneSearch, StringComparison.OrdinalIgnoreCase));

    private bool MatchesConduit(Conduit c) =>
        string.IsNullOrWhiteSpace(conduitSearch)
        || (c.Name ?? c.Id).Contains(conduitSearch, StringComparison.OrdinalIgnoreCase)
        || network!.ZoneName(c.FromZoneId).Contains(conduitSearch, StringComparison.OrdinalIgnoreCase)
        || network.ZoneName(c.ToZoneId).Contains(conduitSearch, StringComparison.OrdinalIgnoreCase)
        || c.Services.Any(s => s.ToString().Contains(conduitSearch, StringComparison.OrdinalIgnoreCase))
        || (c.EnforcedBy?.Contains(conduitSearch, StringComparison.OrdinalIgnoreCase) ?? false);
}
