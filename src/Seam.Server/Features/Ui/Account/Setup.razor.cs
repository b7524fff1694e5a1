using Microsoft.AspNetCore.Components;

namespace Seam.Server.Features.Ui.Account;

public partial class Setup
{
    private bool anyAccount;

    /// <summary>"token" for a wrong or spent token, otherwise the account rule that refused the form.</summary>
    [SupplyParameterFromQuery(Name = "error")]
    public string? Error { get; set; }

    private string? ErrorText => Error switch
    {
        null or "" => null,
        "token" => "The setup token is wrong or was already used. Copy it again from the server console; if the server was restarted, use the token it printed at its latest start.",
        _ => $"{Error} A new setup token was printed in the server console; use that one.",
    };

    protected override async Task OnInitializedAsync() => anyAccount = await Accounts.AnyAsync();
}
