using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Intelligence.Findings;
using Seam.Inventory;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Ui.Findings;

public partial class FindingsPage
{
    private MudTable<FindingRow>? table;
    private FindingListFilter filter = new();
    private int total;
    private ClaimsPrincipal user = new();
    private List<Site> sites = [];
    private readonly HashSet<string> expanded = new(StringComparer.Ordinal);

    [Inject]
    private UiData Data { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>Initial filters from the address: state (open, accepted, …, or "all"), site, confidence, q.</summary>
    [SupplyParameterFromQuery(Name = "state")]
    public string? StateQuery { get; set; }

    [SupplyParameterFromQuery(Name = "site")]
    public string? SiteQuery { get; set; }

    [SupplyParameterFromQuery(Name = "confidence")]
    public string? ConfidenceQuery { get; set; }

    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchQuery { get; set; }

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        sites = await Data.ReadAsync(db => db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync());
    }

    protected override void OnParametersSet()
    {
        filter = new FindingListFilter(
            StateQuery == "all" ? null : FindingStates.TryParse(StateQuery, out var s) ? s : FindingState.Open,
            string.IsNullOrWhiteSpace(SiteQuery) ? null : SiteQuery,
            Confidences.TryParse(ConfidenceQuery, out var c) ? c : null,
            string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery);
    }

    private async Task<TableData<FindingRow>> LoadPage(TableState state, CancellationToken ct)
    {
        var current = filter;
        var sort = Enum.TryParse<FindingSortColumn>(state.SortLabel, out var s) ? s : FindingSortColumn.Score;
        var descending = state.SortLabel is null || state.SortDirection == SortDirection.Descending;
        try
        {
            var (count, rows) = await Data.ReadAsync(db =>
                IntelligenceViews.FindingPageAsync(db, user, current, sort, descending, state.Page * state.PageSize, state.PageSize, ct));
            total = count;
            return new TableData<FindingRow> { Items = rows, TotalItems = count };
        }
        catch (OperationCanceledException)
        {
            return new TableData<FindingRow> { Items = [], TotalItems = total };
        }
    }

    private Task OnSearchChanged(string? text) => Apply(filter with { Search = string.IsNullOrWhiteSpace(text) ? null : text });

    private Task OnStateChanged(FindingState? state) => Apply(filter with { State = state });

    private Task OnSiteChanged(string? siteId) => Apply(filter with { SiteId = siteId });

    private Task OnConfidenceChanged(MatchConfidence? confidence) => Apply(filter with { MinConfidence = confidence });

    private async Task Apply(FindingListFilter next)
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

        if (table.CurrentPage != 0)
        {
            table.NavigateTo(0);
        }
        else
        {
            await table.ReloadServerData();
        }
    }

    private void Toggle(string id)
    {
        if (!expanded.Remove(id))
        {
            expanded.Add(id);
        }
    }

    private string SiteName(string siteId) => sites.FirstOrDefault(s => s.Id == siteId)?.Name ?? siteId;
}
