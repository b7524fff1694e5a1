using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Governance;
using Seam.Storage.Exposure;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Ui.Governance.Requests;

/// <summary>
/// One request: its route and why (IT and OT terms), what it touches, each side's view, the timeline, and the buttons
/// for what the signed-in person may do. A request on a site the person cannot see is "not found", never "forbidden".
/// Every command goes to <see cref="GovernanceService"/>, which re-checks it and audits it in the same write.
/// </summary>
public partial class RequestDetailPage
{
    private StoredRequest? stored;
    private DecisionRightsPolicy? policy;
    private RequestActions? actions;
    private List<MaintenanceWindow> windows = [];
    private bool loading = true;
    private bool busy;
    private string? error;
    private string? reason;
    private string? comment;
    private string? windowId;
    private string me = "";
    private DateTimeOffset now;
    private ClaimsPrincipal user = new();

    /// <summary>The request id, e.g. REQ-0007.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    private GovernanceService Governance { get; set; } = default!;

    [Inject]
    private ExposureService Exposure { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs => [new("Requests", "/requests"), new(Id, null, disabled: true)];

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        me = user.ActorName();
        error = null;
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        now = Time.GetUtcNow();
        var found = await Governance.GetAsync(Id);
        stored = found is not null && CanRead(found) ? found : null;
        if (stored is null)
        {
            actions = null;
            return;
        }

        policy = (await Governance.CurrentPolicyAsync())?.Policy;
        var delegatedBy = (await Governance.DelegationsAsync(me, includeEnded: false))
            .Where(d => d.Delegate == me && d.RevokedAt is null && d.From <= now && now < d.Until).Select(d => d.Member).ToHashSet(StringComparer.Ordinal);
        actions = RequestActions.For(stored, policy, user, delegatedBy);
        windows = actions.Schedule
            ? [.. (await Exposure.Records.MaintenanceWindows.ListAsync(null, stored.Request.SiteId)).OrderBy(w => w.NextStart(now))]
            : [];
        windowId ??= windows.FirstOrDefault()?.Id;
    }

    /// <summary>The API's rule: anyone with a role on the site; a vendor only its own requests and those granting it access.</summary>
    private bool CanRead(StoredRequest s) => user.CanRead(s.Request.SiteId, s.Request.RequestedBy, s.Details.Access?.Grantee);

    private Task View(string team, bool approves) =>
        Run(service => service.RecordViewAsync(stored!.Request.Id, me, team, approves, Blank(reason)), approves ? $"Approved for {team}." : $"Rejected for {team}.", clearReason: true);

    private Task Rule(bool approves) =>
        Run(service => service.RuleAsync(stored!.Request.Id, me, approves, reason ?? ""), approves ? "Approved as seam owner." : "Rejected as seam owner.", clearReason: true);

    private Task Submit() => Run(service => service.SubmitAsync(stored!.Request.Id, me), "Submitted.");

    private Task Withdraw() => Run(service => service.WithdrawAsync(stored!.Request.Id, me), "Withdrawn.");

    private Task Implement() => Run(service => service.MarkImplementedAsync(stored!.Request.Id, me), "Marked implemented.");

    private Task Verify() => Run(service => service.VerifyAsync(stored!.Request.Id, me), "Verified.");

    private Task Close() => Run(service => service.CloseAsync(stored!.Request.Id, me), "Closed.");

    private Task Schedule() => Run(service => service.ScheduleAsync(stored!.Request.Id, me, windowId ?? ""), "Scheduled.");

    private async Task Comment()
    {
        await Run(service => service.CommentAsync(stored!.Request.Id, me, comment ?? ""), "Comment added.");
        if (error is null)
        {
            comment = null;
        }
    }

    /// <summary>Runs one command; a refusal is shown as the domain words it, and nothing changed.</summary>
    private async Task Run(Func<GovernanceService, Task<GovernanceResult<StoredRequest>>> command, string done, bool clearReason = false)
    {
        if (stored is null || !CanRead(stored))
        {
            return;
        }

        busy = true;
        error = null;
        try
        {
            var result = await command(Governance);
            if (result.Error is { } refused)
            {
                error = refused.Message;
                return;
            }

            if (clearReason)
            {
                reason = null;
            }

            Snackbar.Add($"{stored.Request.Id}: {done}", Severity.Success);
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
