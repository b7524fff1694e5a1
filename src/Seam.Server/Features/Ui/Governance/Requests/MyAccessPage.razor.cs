using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Governance;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Ui.Governance.Requests;

/// <summary>
/// A person's own access: grants running for them now and the requests they made or are the grantee of. This is the
/// page a vendor lives on; it reads through the same scoping as the API (a vendor: only its own, on its vendor sites).
/// </summary>
public partial class MyAccessPage
{
    private IReadOnlyList<ReachNow>? grants;
    private IReadOnlyList<RequestSummary>? requests;

    [Inject]
    private GovernanceService Governance { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        var user = (await AuthState).User;
        var me = user.ActorName();
        grants = await Governance.AccessNowAsync(user.IsVendorOnly() ? user.VendorSites() : null, grantee: me);
        requests = (await Governance.ListAsync(user.Scope(new RequestFilter { Limit = 200 }) with { Involving = me })).Items;
    }
}
