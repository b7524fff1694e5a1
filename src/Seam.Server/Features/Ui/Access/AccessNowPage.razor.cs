using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using Seam.Inventory;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.RemoteAccess;

/// <summary>Read-only: any role on the site may see who can reach it, because everyone on site should know.</summary>
public partial class AccessNowPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private List<Site> sites = [];
    private AccessNow? view;
    private bool loading = true;

    /// <summary>The site to show; the first visible site when absent.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? Site { get; set; }

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        ClaimsPrincipal user = (await AuthState).User;
        var at = Time.GetUtcNow();
        (sites, view) = await Data.ReadAsync(async db =>
        {
            var visible = await db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync();
            var site = visible.FirstOrDefault(s => s.Id == (Site ?? visible.FirstOrDefault()?.Id));
            return (visible, site is null ? null : await AccessNow.LoadAsync(db, site, at));
        });
        loading = false;
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
