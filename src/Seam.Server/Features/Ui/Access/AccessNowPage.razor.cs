using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Ui.RemoteAccess;

/// <summary>
/// Any role on the site may see who can reach it, because everyone on site should know. An approver of the site may
/// also end a running grant early, with a reason (<see cref="GovernanceService.RevokeGrantAsync"/> audits it).
/// </summary>
public partial class AccessNowPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private List<Site> sites = [];
    private AccessNow? view;
    private bool loading = true;
    private bool canRevoke;
    private bool busy;
    private string? revokeReason;
    private string? revokeError;
    private ClaimsPrincipal user = new();

    /// <summary>The site to show; the first visible site when absent.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? Site { get; set; }

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private GovernanceService Governance { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        var at = Time.GetUtcNow();
        (sites, view) = await Data.ReadAsync(async db =>
        {
            var visible = await db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync();
            var site = visible.FirstOrDefault(s => s.Id == (Site ?? visible.FirstOrDefault()?.Id));
            return (visible, site is null ? null : await AccessNow.LoadAsync(db, site, at));
        });
        canRevoke = view is not null && user.HasRole(Role.Approver, view.Site.Id);
    }

    private async Task RevokeAsync(string grantId)
    {
        if (!canRevoke)
        {
            return;
        }

        busy = true;
        revokeError = null;
        try
        {
            var result = await Governance.RevokeGrantAsync(grantId, user.ActorName(), revokeReason ?? "");
            if (result.Error is { } refused)
            {
                revokeError = refused.Message;
                return;
            }

            Snackbar.Add($"{grantId} revoked: it ends now.", Severity.Success);
            revokeReason = null;
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private void PickSite(string siteId) => Navigation.NavigateTo("/access?site=" + Uri.EscapeDataString(siteId));

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("d MMM HH:mm", Invariant);

    private static string Join(string? vendor, string? method) =>
        string.Join(" · ", new[] { vendor, method }.Where(s => !string.IsNullOrWhiteSpace(s))) is { Length: > 0 } text ? text : "—";

    private static string KindText(EntryPointKind kind) => kind switch
    {
        EntryPointKind.VendorRemoteAccess => "vendor remote access",
        EntryPointKind.EnterpriseIt => "from enterprise IT",
        EntryPointKind.Internet => "from the internet",
        _ => kind.ToString(),
    };
}
