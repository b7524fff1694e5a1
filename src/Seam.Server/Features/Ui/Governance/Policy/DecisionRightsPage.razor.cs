using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Access;
using Seam.Governance.Policy;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Governance;
using Seam.Yaml;

namespace Seam.Server.Features.Ui.Governance.Policy;

/// <summary>
/// The policy in force as a matrix, an editor that checks a draft with the parser (line:column problems) and the
/// policy check, and the version history. Publishing needs Admin on every site: the policy decides for all sites.
/// </summary>
public partial class DecisionRightsPage
{
    private const string FileName = "policy.yaml";

    private int tab;
    private bool loading = true;
    private bool busy;
    private bool canPublish;
    private PolicyVersionView? current;
    private List<PolicyVersionInfo> history = [];
    private string draft = "";
    private IReadOnlyList<YamlProblem> problems = [];
    private string? refusal;
    private PolicyPreview? preview;
    private ClaimsPrincipal user = new();

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private GovernanceService Governance { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        canPublish = user.HasRole(Role.Admin, null);
        await LoadAsync();
    }

    private async Task LoadAsync()
    {
        loading = true;
        var stored = await Governance.CurrentPolicyAsync();
        current = stored is null ? null : await ViewAsync(stored.Publication, stored.Policy);
        history = [.. (await Governance.PolicyVersionsAsync()).OrderByDescending(v => v.Version)];
        loading = false;
    }

    private async Task Check()
    {
        refusal = null;
        preview = null;
        var parsed = PolicyYaml.Parse(draft, FileName);
        problems = parsed.Problems;
        if (parsed.Succeeded)
        {
            preview = new PolicyPreview(parsed.Policy!, await GapsAsync(parsed.Policy!));
        }
    }

    private async Task Publish()
    {
        if (!user.HasRole(Role.Admin, null))
        {
            refusal = "Publishing the policy needs the Admin role on every site.";
            return;
        }

        busy = true;
        try
        {
            preview = null;
            var result = await Governance.PublishPolicyAsync(draft, FileName, user.ActorName());
            problems = result.Problems;
            refusal = result.Refusal;
            if (result.Succeeded)
            {
                Snackbar.Add($"Published decision-rights policy version {result.Published!.Version}.", Severity.Success);
                await LoadAsync();
                tab = 0;
            }
        }
        finally
        {
            busy = false;
        }
    }

    private void LoadExample()
    {
        draft = PolicyExample.Yaml;
        problems = [];
        refusal = null;
        preview = null;
    }

    private void LoadCurrentIntoEditor()
    {
        if (current is not null)
        {
            ShowVersion(current.Publication);
        }
    }

    private void ShowVersion(PolicyVersionInfo version)
    {
        draft = version.Yaml;
        problems = [];
        refusal = null;
        preview = null;
        tab = 1;
    }

    /// <summary>The policy check against this installation's zones and user names.</summary>
    private Task<IReadOnlyList<PolicyGap>> GapsAsync(DecisionRightsPolicy policy) => Data.ReadAsync(async db =>
    {
        var plant = new InventoryModel { Sites = await db.Sites.ToListAsync(), Zones = await db.Zones.ToListAsync() };
        var users = (await db.Users.Select(u => u.UserName).ToListAsync()).ToHashSet(StringComparer.Ordinal);
        return PolicyCheck.Check(policy, plant, users);
    });

    private sealed record PolicyPreview(DecisionRightsPolicy Policy, IReadOnlyList<PolicyGap> Gaps);

    private async Task<PolicyVersionView> ViewAsync(PolicyVersionInfo publication, DecisionRightsPolicy policy) => new(publication, policy, await GapsAsync(policy));

    private sealed record PolicyVersionView(PolicyVersionInfo Publication, DecisionRightsPolicy Policy, IReadOnlyList<PolicyGap> Gaps);
}
