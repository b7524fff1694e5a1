using Microsoft.AspNetCore.Components;
using Seam.Exposure.Planning;
using Seam.Exposure.WhatIf;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Ui.Exposure;

public partial class WhatIfPanel
{
    private string yaml = "";
    private Scenario? sample;
    private IReadOnlyList<string> problems = [];
    private IReadOnlyList<string> leftOut = [];
    private WhatIfResult? result;
    private bool busy;

    /// <summary>The current analysis the sample scenario is built from.</summary>
    [Parameter, EditorRequired]
    public ExposureView View { get; set; } = default!;

    /// <summary>The remediation plan, once worked out; "apply the plan" waits for it.</summary>
    [Parameter]
    public RemediationPlan? Plan { get; set; }

    [Inject]
    private ExposureService Exposure { get; set; } = default!;

    protected override void OnInitialized()
    {
        sample = ScenarioSamples.QuickControls(View);
        yaml = sample is null ? ScenarioText.Example : ScenarioText.Write(sample);
    }

    private void LoadSample()
    {
        if (sample is not null)
        {
            yaml = ScenarioText.Write(sample);
            leftOut = [];
            problems = [];
        }
    }

    private async Task ApplyPlan()
    {
        if (Plan is null || ScenarioSamples.FromPlan(View, Plan, out var skipped) is not { } scenario)
        {
            problems = ["The plan has no step a what-if can express."];
            return;
        }

        yaml = ScenarioText.Write(scenario);
        leftOut = skipped;
        await RunAsync();
    }

    private async Task RunAsync()
    {
        var parsed = ScenarioText.Parse(yaml, View.Analysis.Input);
        problems = parsed.Problems;
        if (parsed.Scenario is not { } scenario)
        {
            result = null;
            return;
        }

        busy = true;
        try
        {
            result = await Exposure.WhatIfAsync(scenario);
        }
        finally
        {
            busy = false;
        }
    }
}
