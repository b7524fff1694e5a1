using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Seam.Exposure;
using Seam.Exposure.Planning;
using Seam.Server.Features.Auth;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Ui.Exposure;

public partial class ExposurePage
{
    private const int TopPlanSteps = 5;
    private const int TopFindings = 5;
    private const int ChokePointsShown = 6;
    private static readonly TimeSpan TrendSpan = TimeSpan.FromDays(90);

    private ExposureView? view;
    private IReadOnlyList<(string Name, IReadOnlyList<ExposureSnapshot> Points)>? history;
    private double? change;
    private RemediationPlan? plan;
    private IReadOnlyList<TopAction> actions = [];
    private bool showAllZones;
    private bool actionsReady;
    private bool showAllChokePoints;

    [Inject]
    private ExposureService Exposure { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        view = new ExposureView(await Exposure.CurrentAsync(), user.VisibleSites());
        StateHasChanged();

        // The score and the crown jewels show first; the trend and the plan (a solver run) fill in after.
        history = await LoadHistoryAsync(view);
        StateHasChanged();
        // A plan weighs actions across every site (as the API rules): a site-scoped reader gets their reachable findings.
        plan = view.SeesAllSites ? await Exposure.PlanAsync(PlanGoal.CutCrownJewels, null) : null;
        actions = TopAction.Build(view, plan, TopPlanSteps, TopFindings);
        actionsReady = true;
    }

    private async Task<IReadOnlyList<(string, IReadOnlyList<ExposureSnapshot>)>> LoadHistoryAsync(ExposureView v)
    {
        var since = Time.GetUtcNow() - TrendSpan;
        var lines = new List<(string, IReadOnlyList<ExposureSnapshot>)>();
        if (v.SeesAllSites)
        {
            lines.Add(("All sites", await Exposure.HistoryAsync(ScoreScope.Overall, null, since)));
        }

        foreach (var site in v.SiteScores)
        {
            lines.Add((site.Name, await Exposure.HistoryAsync(ScoreScope.Site, site.ScopeId, since)));
        }

        var headline = lines.Count > 0 ? lines[0].Item2 : [];
        change = headline.Count >= 2 ? headline[^1].Score - headline[^2].Score : null;
        return lines;
    }

    private void OpenPath(CrownJewelStatus jewel) => Navigation.NavigateTo(AttackPathPage.PathLink(jewel.AssetId));
}
