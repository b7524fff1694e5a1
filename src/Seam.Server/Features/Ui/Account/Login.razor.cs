using Microsoft.AspNetCore.Components;

namespace Seam.Server.Features.Ui.Account;

public partial class Login
{
    private bool anyAccount = true;

    /// <summary>Set by the account endpoint after a refused sign-in.</summary>
    [SupplyParameterFromQuery(Name = "error")]
    public string? Error { get; set; }

    /// <summary>Where to go after signing in. The cookie middleware sends "ReturnUrl"; the query is case-insensitive.</summary>
    [SupplyParameterFromQuery(Name = "returnUrl")]
    public string? ReturnUrl { get; set; }

    private string SafeReturnUrl => AccountPaths.SafeReturnUrl(ReturnUrl);

    protected override async Task OnInitializedAsync() => anyAccount = await Accounts.AnyAsync();
}
