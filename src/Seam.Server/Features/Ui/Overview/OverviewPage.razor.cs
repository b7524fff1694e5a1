using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Seam.Server.Features.Api;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Overview;

public partial class OverviewPage
{
    private OverviewData? data;

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private InventoryProblemsCache Problems { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        data = await Data.ReadAsync(db => OverviewData.LoadAsync(db, Problems, user));
    }

    private string SiteName(string siteId) => data?.Sites.FirstOrDefault(s => s.Id == siteId)?.Name ?? siteId;

    private static string N(int n) => n.ToString("N0", CultureInfo.InvariantCulture);

    private static string Pct(int n, int max) =>
        (max == 0 ? 0 : Math.Max(1.0, 100.0 * n / max)).ToString("0.#", CultureInfo.InvariantCulture) + "%";
}
