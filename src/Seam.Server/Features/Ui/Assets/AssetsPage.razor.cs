using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Assets;

public partial class AssetsPage
{
    private MudTable<AssetRow>? table;
    private AssetFilter filter = new();
    private AssetFilter? countedFilter;
    private int total;
    private string? loadError;
    private bool canCreate;
    private ClaimsPrincipal user = new();
    private List<Site> sites = [];
    private List<Zone> zones = [];

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>Initial filters from the address, so that other pages can link to a filtered list.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? SiteQuery { get; set; }

    [SupplyParameterFromQuery(Name = "zone")]
    public string? ZoneQuery { get; set; }

    [SupplyParameterFromQuery(Name = "kind")]
    public string? KindQuery { get; set; }

    [SupplyParameterFromQuery(Name = "level")]
    public string? LevelQuery { get; set; }

    [SupplyParameterFromQuery(Name = "crown")]
    public bool? CrownQuery { get; set; }

    [SupplyParameterFromQuery(Name = "owner")]
    public string? OwnerQuery { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchQuery { get; set; }

    /// <summary>The site column says nothing when every row is of the same site; leaving it out gives the others room.</summary>
    private bool ShowSiteColumn => sites.Count > 1 && filter.SiteId is null;

    private IEnumerable<Zone> ZonesForPicker => filter.SiteId is null ? zones : zones.Where(z => z.SiteId == filter.SiteId);

    private string NewAssetHref => filter.SiteId is null ? "/assets/new" : "/assets/new?site=" + Uri.EscapeDataString(filter.SiteId);

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        (sites, zones) = await Data.ReadAsync(async db => (
            await db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync(),
            await db.Zones.VisibleTo(user).OrderBy(z => z.Level).ThenBy(z => z.Name).ToListAsync()));
        canCreate = sites.Any(s => user.CanEdit(s.Id));
    }

    protected override void OnParametersSet()
    {
        filter = new AssetFilter
        {
            Search = string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery,
            SiteId = string.IsNullOrWhiteSpace(SiteQuery) ? null : SiteQuery,
            ZoneId = string.IsNullOrWhiteSpace(ZoneQuery) ? null : ZoneQuery,
            Kind = AssetKinds.TryParse(KindQuery, out var k) ? k : null,
            Level = PurdueLevels.TryParse(LevelQuery, out var l) ? l : null,
            CrownJewelsOnly = CrownQuery == true,
            WithoutOwnerOnly = OwnerQuery == "none",
            OwnerTeamId = string.IsNullOrWhiteSpace(OwnerQuery) || OwnerQuery == "none" ? null : OwnerQuery,
        };
    }

    private async Task<TableData<AssetRow>> LoadPage(TableState state, CancellationToken ct)
    {
        var current = filter;
        var sort = Enum.TryParse<AssetSortColumn>(state.SortLabel, out var s) ? s : AssetSortColumn.Name;
        var descending = state.SortDirection == SortDirection.Descending;
        try
        {
            var (count, rows) = await Data.ReadAsync(async db =>
            {
                var c = countedFilter == current ? total : await AssetListQuery.CountAsync(db, user, current, ct);
                var r = await AssetListQuery.PageAsync(db, user, current, sort, descending, state.Page * state.PageSize, state.PageSize, ct);
                return (c, r);
            });
            countedFilter = current;
            total = count;
            loadError = null;
            return new TableData<AssetRow> { Items = rows, TotalItems = count };
        }
        catch (OperationCanceledException)
        {
            return new TableData<AssetRow> { Items = [], TotalItems = total };
        }
    }

    private Task OnSearchChanged(string? text) => Apply(filter with { Search = string.IsNullOrWhiteSpace(text) ? null : text });

    private Task OnSiteChanged(string? siteId) =>
        Apply(filter with { SiteId = siteId, ZoneId = siteId is not null && zones.Any(z => z.Id == filter.ZoneId && z.SiteId != siteId) ? null : filter.ZoneId });

    private Task OnZoneChanged(string? zoneId) => Apply(filter with { ZoneId = zoneId });

    private Task OnKindChanged(AssetKind? kind) => Apply(filter with { Kind = kind });

    private Task OnLevelChanged(PurdueLevel? level) => Apply(filter with { Level = level });

    private Task OnCrownJewelsChanged(bool on) => Apply(filter with { CrownJewelsOnly = on });

    private Task OnWithoutOwnerChanged(bool on) => Apply(filter with { WithoutOwnerOnly = on });

    private Task ClearFilters() => Apply(new AssetFilter());

    private async Task Apply(AssetFilter next)
    {
        if (next == filter)
        {
            return;
        }

        filter = next;
        if (table is null)
        {
            return;
        }

        // A new filter starts on the first page; NavigateTo reloads by itself when the page changes.
        if (table.CurrentPage != 0)
        {
            table.NavigateTo(0);
        }
        else
        {
            await table.ReloadServerData();
        }
    }

    private void OpenRow(TableRowClickEventArgs<AssetRow> e)
    {
        if (e.Item is { } row)
        {
            Navigation.NavigateTo(RecordLinks.Asset(row.Id));
        }
    }

    private string SiteName(string siteId) => sites.FirstOrDefault(s => s.Id == siteId)?.Name ?? siteId;
}
