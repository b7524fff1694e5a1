using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using MudBlazor;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Assets;

public partial class AssetDetailPage
{
    private AssetDetails? details;
    private bool loading = true;
    private bool canEdit;
    private string? error;
    private ClaimsPrincipal user = new();

    /// <summary>The asset's id from the address.</summary>
    [Parameter]
    public string Id { get; set; } = "";

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Assets", "/assets"),
        .. details is null ? Array.Empty<BreadcrumbItem>() : [new BreadcrumbItem(details.Site?.Name ?? details.Asset.SiteId, RecordLinks.AssetsOfSite(details.Asset.SiteId))],
        new(details?.Asset.Name ?? Id, null, disabled: true),
    ];

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        var found = await Data.ReadAsync(db => AssetDetails.LoadAsync(db, Id));
        details = found is not null && user.CanSee(found.Asset.SiteId) ? found : null;
        canEdit = details is not null && user.CanEdit(details.Asset.SiteId);
        loading = false;
    }

    private async Task Delete()
    {
        if (details is null)
        {
            return;
        }

        var asset = details.Asset;
        var confirmed = await Dialogs.ShowMessageBoxAsync("Delete asset?",
            $"Delete '{asset.Name}' ({asset.Id})? The deletion is recorded in the audit log; the asset can be imported or created again later.",
            yesText: "Delete", cancelText: "Keep it");
        if (confirmed != true)
        {
            return;
        }

        // Checked again here, on the server, at the moment of the write.
        if (!user.CanEdit(asset.SiteId))
        {
            error = "Deleting needs the Engineer role on this site.";
            return;
        }

        var deleted = await Data.WriteAsync(async (db, audit) =>
        {
            var stored = await db.Assets.FindAsync(asset.Id);
            if (stored is null)
            {
                return false;
            }

            db.Assets.Remove(stored);
            audit.Record(user.ActorName(), "delete", "asset", stored.Id, stored.SiteId, stored, null);
            return true;
        });
        Snackbar.Add(deleted ? $"Deleted {asset.Name}." : $"{asset.Name} was already deleted.", deleted ? Severity.Success : Severity.Info);
        Navigation.NavigateTo(RecordLinks.AssetsOfSite(asset.SiteId));
    }

    private static string? Join(string? a, string? b) =>
        a is null ? b : b is null ? a : $"{a} · {b}";

    private static string PatchText(Patchability p) => p switch
    {
        Patchability.AnyTime => "Any time",
        Patchability.MaintenanceWindow => "In a maintenance window",
        Patchability.VendorApproval => "Only with the vendor's approval",
        _ => "Never (cannot be patched)",
    };
}
