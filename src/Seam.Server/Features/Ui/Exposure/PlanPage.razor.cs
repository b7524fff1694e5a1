using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Seam.Exposure.Planning;
using Seam.Server.Features.Auth;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Ui.Exposure;

public partial class PlanPage
{
    private readonly List<BreadcrumbItem> crumbs = [new("Exposure", "/exposure"), new("Remediation plan", null, disabled: true)];
    private ExposureView? view;
    private RemediationPlan? plan;
    private IReadOnlyList<TopAction> steps = [];
    private PlanGoal goal = PlanGoal.CutCrownJewels;
    private decimal? budget = 10_000m;
    private bool busy;

    [Inject]
    private ExposureService Exposure { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        view = new ExposureView(await Exposure.CurrentAsync(), user.VisibleSites());
        await ComputeAsync();
    }

    private void GoalChanged(PlanGoal value)
    {
        goal = value;
        plan = null;
        steps = [];
    }

    private async Task ComputeAsync()
    {
        if (view is not { SeesAllSites: true })
        {
            return;
        }

        busy = true;
        try
        {
            plan = await Exposure.PlanAsync(goal, goal == PlanGoal.MostExposureWithinBudget ? budget : null);
            // Only the plan's steps, every one of them: the plan is read whole.
            steps = TopAction.Build(view, plan, plan.Steps.Count, 0);
        }
        finally
        {
            busy = false;
        }
    }
}
