using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Seam.Server.Features.Ui.Findings;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Advisories;

public partial class AdvisoriesPage
{
    private MudTable<AdvisoryRow>? table;
    private string? search;
    private int total;
    private ClaimsPrincipal user = new();

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    /// <summary>An initial search from the address, so that other pages can link to it.</summary>
    [SupplyParameterFromQuery(Name = "q")]
    public string? SearchQuery { get; set; }

    protected override async Task OnInitializedAsync() => user = (await AuthState).User;

    protected override void OnParametersSet() => search = string.IsNullOrWhiteSpace(SearchQuery) ? null : SearchQuery;

    private async Task<TableData<AdvisoryRow>> LoadPage(TableState state, CancellationToken ct)
    {
        var current = search;
        var sort = Enum.TryParse<AdvisorySortColumn>(state.SortLabel, out var s) ? s : AdvisorySortColumn.Released;
        var descending = state.SortLabel is null || state.SortDirection == SortDirection.Descending;
        try
        {
            var (count, rows) = await Data.ReadAsync(db =>
                IntelligenceViews.AdvisoryPageAsync(db, user, current, sort, descending, state.Page * state.PageSize, state.PageSize, ct));
            total = count;
            return new TableData<AdvisoryRow> { Items = rows, TotalItems = count };
        }
        catch (OperationCanceledException)
        {
            return new TableData<AdvisoryRow> { Items = [], TotalItems = total };
        }
    }

    private async Task OnSearchChanged(string? text)
    {
        var next = string.IsNullOrWhiteSpace(text) ? null : text;
        if (next == search)
        {
            return;
        }

        search = next;
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

    private void OpenRow(TableRowClickEventArgs<AdvisoryRow> e)
    {
        if (e.Item is { } row)
        {
            Navigation.NavigateTo(IntelligenceLinks.Advisory(row.Id));
        }
    }
}
