using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Seam.Access;
using Seam.Governance.Policy;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
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
    private string? unavailable;
    private List<PolicyVersionView> history = [];
    private string draft = "";
    private IReadOnlyList<YamlProblem> problems = [];
    private string? refusal;
    private PolicyPreview? preview;
    private ClaimsPrincipal user = new();

    [Inject]
    private UiData Data { get; set; } = default!;

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
        // Until the governance service is merged there is no stored policy to show.
        current = null;
        history = [];
        unavailable = "policies are not stored yet";
        loading = false;
        await Task.CompletedTask;
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
        busy = true;
        await Task.CompletedTask;
        busy = false;
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
            ShowVersion(current);
        }
    }

    private void ShowVersion(PolicyVersionView version)
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

    private sealed record PolicyVersionView(int Version, string PublishedBy, DateTimeOffset PublishedAt, string Yaml, DecisionRightsPolicy Policy, IReadOnlyList<PolicyGap> Gaps);
}
