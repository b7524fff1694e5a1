using Microsoft.AspNetCore.Components;
using MudBlazor;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Ui.Governance.Requests;

/// <summary>
/// The signed-in person's delegations: those they gave (and may end) and those they hold. Creating one always delegates
/// the person's own decisions from now; delegating for someone else is the admin's API. The service audits both.
/// </summary>
public partial class DelegationsCard
{
    private IReadOnlyList<DelegationInfo> delegations = [];
    private string? delegateName;
    private int days = 7;
    private bool busy;
    private string? error;

    /// <summary>The signed-in user's name.</summary>
    [Parameter, EditorRequired]
    public string Me { get; set; } = "";

    /// <summary>Raised after a delegation was created or ended, so the page can refresh what depends on it.</summary>
    [Parameter]
    public EventCallback Changed { get; set; }

    [Inject]
    private GovernanceService Governance { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    protected override Task OnParametersSetAsync() => LoadAsync();

    private async Task LoadAsync() => delegations = await Governance.DelegationsAsync(Me, includeEnded: false);

    private async Task Create()
    {
        busy = true;
        error = null;
        try
        {
            var now = Time.GetUtcNow();
            var result = await Governance.DelegateAsync(Me, delegateName?.Trim() ?? "", now, now.AddDays(days), Me);
            if (result.Error is { } refused)
            {
                error = refused.Message;
                return;
            }

            Snackbar.Add($"{result.Value!.Delegate} decides for you until {RequestText.Stamp(result.Value.Until)} UTC.", Severity.Success);
            delegateName = null;
            await LoadAsync();
            await Changed.InvokeAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task End(long id)
    {
        busy = true;
        error = null;
        try
        {
            var result = await Governance.RevokeDelegationAsync(id, Me, asAdmin: false);
            if (result.Error is { } refused)
            {
                error = refused.Message;
                return;
            }

            Snackbar.Add("Delegation ended.", Severity.Success);
            await LoadAsync();
            await Changed.InvokeAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
