using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Intelligence.Findings;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Ui.Findings;

public partial class FindingPage
{
    private FindingRow? finding;
    private IReadOnlyList<FindingStateChange> history = [];
    private List<FindingState> decisions = [];
    private bool loading = true;
    private bool busy;
    private string? reason;
    private DateTime? acceptUntil;
    private string? decisionError;
    private ClaimsPrincipal user = new();

    /// <summary>The finding's id from the address.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private FindingStore Store { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool CanDecideAtAll => finding is not null && user.HasRole(Access.Role.Engineer, finding.SiteId);

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Findings", "/findings"),
        new(finding is null ? Id : $"{finding.VulnerabilityId} on {finding.AssetName}", null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        var row = await Data.ReadAsync(db => IntelligenceQueries.Rows(db, db.Findings.AsNoTracking().Where(f => f.Id == Id)).FirstOrDefaultAsync());
        finding = row is not null && user.CanSee(row.SiteId) ? row : null;
        history = finding is null ? [] : await Store.HistoryAsync(Id);
        decisions = finding is null ? [] : AllowedDecisions(finding);
    }

    /// <summary>The decisions the finding's state allows and the reader's role on its site permits; only these get a button.</summary>
    private List<FindingState> AllowedDecisions(FindingRow row)
    {
        if (!FindingStates.TryParse(row.State, out var state))
        {
            return [];
        }

        var byState = state switch
        {
            FindingState.Open => new[] { FindingState.Mitigated, FindingState.Accepted },
            FindingState.Mitigated => [FindingState.Accepted, FindingState.Open],
            FindingState.Accepted => [FindingState.Mitigated, FindingState.Accepted, FindingState.Open],
            _ => [],
        };
        return [.. byState.Where(d => user.HasRole(IntelligenceViews.RoleFor(d), row.SiteId))];
    }

    private async Task Decide(FindingState to)
    {
        if (finding is null)
        {
            return;
        }

        decisionError = null;
        if (string.IsNullOrWhiteSpace(reason))
        {
            decisionError = "Say why: the reason is kept with the finding's history.";
            return;
        }

        DateTimeOffset? until = null;
        if (to == FindingState.Accepted)
        {
            if (acceptUntil is not { } date)
            {
                decisionError = "Accepting a risk needs an expiry date: when should the finding re-open?";
                return;
            }

            until = new DateTimeOffset(date.Date, TimeSpan.Zero);
        }

        // Checked again here, on the server, at the moment of the write: the same rule as the API.
        if (!user.HasRole(IntelligenceViews.RoleFor(to), finding.SiteId))
        {
            decisionError = to == FindingState.Accepted
                ? $"Accepting a risk needs the approver role on site '{finding.SiteId}'."
                : $"Deciding a finding needs the engineer role on site '{finding.SiteId}'.";
            return;
        }

        busy = true;
        try
        {
            var decided = await Store.DecideAsync(finding.Id, new FindingDecision(to, reason.Trim(), until), user.ActorName());
            if (decided is null)
            {
                decisionError = "The finding no longer exists: its asset may have been deleted.";
                return;
            }

            Snackbar.Add($"{finding.VulnerabilityId} on {finding.AssetName} is now {FindingStates.Format(decided.State)}.", Severity.Success);
            reason = null;
            acceptUntil = null;
            await LoadAsync();
        }
        catch (FindingTransitionException e)
        {
            decisionError = e.Message;
        }
        finally
        {
            busy = false;
        }
    }

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", System.Globalization.CultureInfo.InvariantCulture) + " UTC";
}
