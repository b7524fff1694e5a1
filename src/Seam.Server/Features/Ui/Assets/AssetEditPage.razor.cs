using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Inventory;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Assets;

/// <summary>Creates or edits one asset. Needs Engineer on the asset's site; checked on load and again at the write.</summary>
public partial class AssetEditPage
{
    private readonly FormErrors errors = new();
    private MudForm? form;
    private AssetEditModel model = new();
    private string originalName = "";
    private bool loading = true;
    private bool saving;
    private string? refusal;
    private ClaimsPrincipal user = new();
    private List<Site> editableSites = [];
    private List<Zone> zones = [];
    private List<Team> teams = [];

    /// <summary>The asset's id; null on /assets/new.</summary>
    [Parameter]
    public string? Id { get; set; }

    /// <summary>Preselected site for a new asset.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? SiteQuery { get; set; }

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool IsNew => Id is null;

    private List<BreadcrumbItem> Crumbs
    {
        get
        {
            var site = editableSites.FirstOrDefault(s => s.Id == model.SiteId);
            List<BreadcrumbItem> crumbs = [new("Assets", "/assets")];
            if (IsNew)
            {
                crumbs.Add(new("New asset", null, disabled: true));
                return crumbs;
            }

            crumbs.Add(new(site?.Name ?? model.SiteId, RecordLinks.AssetsOfSite(model.SiteId)));
            crumbs.Add(new(originalName, RecordLinks.Asset(model.Id)));
            crumbs.Add(new("Edit", null, disabled: true));
            return crumbs;
        }
    }

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        Asset? existing = null;
        await Data.ReadAsync(async db =>
        {
            editableSites = (await db.Sites.OrderBy(s => s.Name).ToListAsync()).Where(s => user.CanEdit(s.Id)).ToList();
            var siteIds = editableSites.Select(s => s.Id).ToList();
            zones = await db.Zones.Where(z => siteIds.Contains(z.SiteId)).OrderBy(z => z.Level).ThenBy(z => z.Name).ToListAsync();
            teams = await db.Teams.OrderBy(t => t.Name).ToListAsync();
            existing = Id is null ? null : await db.Assets.FirstOrDefaultAsync(a => a.Id == Id);
            return true;
        });

        if (!IsNew && (existing is null || !user.CanSee(existing.SiteId)))
        {
            refusal = $"There is no asset with id “{Id}” that you can see.";
        }
        else if (existing is not null && !user.CanEdit(existing.SiteId))
        {
            refusal = "Editing this asset needs the Engineer role on its site. Ask a Seam admin if you should have it.";
        }
        else if (IsNew && editableSites.Count == 0)
        {
            refusal = "Creating assets needs the Engineer role on a site. Ask a Seam admin if you should have it.";
        }
        else
        {
            model = existing is null
                ? new AssetEditModel { SiteId = editableSites.FirstOrDefault(s => s.Id == SiteQuery)?.Id ?? editableSites[0].Id }
                : AssetEditModel.From(existing);
            originalName = model.Name;
        }

        loading = false;
    }

    private void OnSiteChanged(string siteId)
    {
        model.SiteId = siteId;
        if (zones.All(z => z.Id != model.ZoneId || z.SiteId != siteId))
        {
            model.ZoneId = null;
        }
    }

    private async Task Save()
    {
        await errors.ClearBeforeValidatingAsync(StateHasChanged);
        if (form is not null)
        {
            await form.ValidateAsync();
            if (!form.IsValid)
            {
                return;
            }
        }

        if (IsNew && string.IsNullOrWhiteSpace(model.Id))
        {
            model.Id = AssetEditModel.SuggestId(model.Name);
        }

        var asset = model.ToAsset(errors);

        // The write is authorised here, on the server, whatever the page showed.
        if (!user.CanEdit(asset.SiteId))
        {
            errors.Add(null, "Saving needs the Engineer role on this site.");
            return;
        }

        saving = true;
        try
        {
            var problems = await Data.ReadAsync(async db =>
            {
                var list = (await new InventoryChecks(db).CheckAsync(asset, CancellationToken.None)).ToList();
                if (IsNew && await db.Assets.AnyAsync(a => a.Id == asset.Id))
                {
                    list.Insert(0, new InventoryProblem(ProblemSeverity.Error, "duplicate-id", InventoryEntity.Asset, asset.Id, "id",
                        $"An asset with id '{asset.Id}' exists already; choose another id or edit that asset."));
                }

                return list;
            });
            errors.AddAll(problems);
            if (errors.Any)
            {
                return;
            }

            var saved = await Data.WriteAsync(async (db, audit) =>
            {
                var before = await db.Assets.AsNoTracking().FirstOrDefaultAsync(a => a.Id == asset.Id);
                if (!IsNew && before is null)
                {
                    return false;
                }

                if (IsNew)
                {
                    db.Assets.Add(asset);
                }
                else
                {
                    db.Assets.Update(asset);
                }

                audit.Record(user.ActorName(), IsNew ? "create" : "update", "asset", asset.Id, asset.SiteId, before, asset);
                return true;
            });

            if (!saved)
            {
                errors.Add(null, "The asset was deleted by someone else meanwhile. Copy what you need and create it again.");
                return;
            }

            Snackbar.Add(errors.Smells.Count == 0 ? $"Saved {asset.Name}." : $"Saved {asset.Name}, with {errors.Smells.Count} smell(s) to look at.",
                errors.Smells.Count == 0 ? Severity.Success : Severity.Warning);
            Navigation.NavigateTo(RecordLinks.Asset(asset.Id));
        }
        finally
        {
            saving = false;
        }
    }
}
