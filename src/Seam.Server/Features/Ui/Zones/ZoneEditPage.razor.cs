using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Inventory;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Assets;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Zones;

/// <summary>Creates, edits or deletes a zone. Needs Engineer on the zone's site; checked on load and again at the write.</summary>
public partial class ZoneEditPage
{
    private readonly FormErrors errors = new();
    private MudForm? form;
    private Zone zone = new() { Id = "", SiteId = "", Name = "" };
    private string? subnets;
    private string siteName = "";

    /// <summary>The name as loaded, for the heading and breadcrumbs while the name box is being edited.</summary>
    private string savedName = "";
    private List<Team> teams = [];
    private bool loading = true;
    private bool saving;
    private string? refusal;
    private ClaimsPrincipal user = new();

    /// <summary>The zone's id; null on /zones/new.</summary>
    [Parameter]
    public string? Id { get; set; }

    /// <summary>The site of a new zone.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? SiteQuery { get; set; }

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private bool IsNew => Id is null;

    private List<BreadcrumbItem> Crumbs =>
    [
        new("Zones & conduits", "/zones"),
        new(siteName, "/zones?site=" + Uri.EscapeDataString(zone.SiteId)),
        IsNew ? new("New zone", null, disabled: true) : new(savedName, RecordLinks.Zone(zone.SiteId, zone.Id)),
        .. IsNew ? Array.Empty<BreadcrumbItem>() : [new BreadcrumbItem("Edit", null, disabled: true)],
    ];

    private string BackHref => zone.SiteId.Length == 0 ? "/zones" : RecordLinks.Zone(zone.SiteId, zone.Id);

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        var (existing, site, allTeams) = await Data.ReadAsync(async db =>
        {
            var z = Id is null ? null : await db.Zones.FirstOrDefaultAsync(x => x.Id == Id);
            var siteId = z?.SiteId ?? SiteQuery;
            var s = siteId is null ? null : await db.Sites.FirstOrDefaultAsync(x => x.Id == siteId);
            return (z, s, await db.Teams.OrderBy(t => t.Name).ToListAsync());
        });
        teams = allTeams;
        if (site is null || (!IsNew && existing is null) || !user.CanSee(site.Id))
        {
            refusal = IsNew ? "Choose a site first: open Zones & conduits, pick the site and use New zone." : $"There is no zone with id “{Id}” that you can see.";
        }
        else if (!user.CanEdit(site.Id))
        {
            refusal = "Changing zones needs the Engineer role on this site. Ask a Seam admin if you should have it.";
        }
        else
        {
            siteName = site.Name;
            zone = existing ?? new Zone { Id = "", SiteId = site.Id, Name = "", Level = PurdueLevel.Supervisory, TargetSecurityLevel = 2 };
            savedName = zone.Name;
            subnets = ListText.Join(zone.Subnets);
        }

        loading = false;
    }

    private async Task Save()
    {
        await errors.ClearBeforeValidatingAsync(StateHasChanged);
        await form!.ValidateAsync();
        if (!form.IsValid)
        {
            return;
        }

        if (IsNew && string.IsNullOrWhiteSpace(zone.Id))
        {
            zone.Id = AssetEditModel.SuggestId(zone.Name);
        }

        var edited = new Zone
        {
            Id = zone.Id.Trim(),
            SiteId = zone.SiteId,
            Name = zone.Name.Trim(),
            Level = zone.Level,
            TargetSecurityLevel = zone.TargetSecurityLevel,
            Subnets = ListText.Split(subnets),
            OwnerTeamId = string.IsNullOrWhiteSpace(zone.OwnerTeamId) ? null : zone.OwnerTeamId,
            Description = string.IsNullOrWhiteSpace(zone.Description) ? null : zone.Description.Trim(),
        };
        if (!user.CanEdit(edited.SiteId))
        {
            errors.Add(null, "Saving needs the Engineer role on this site.");
            return;
        }

        saving = true;
        try
        {
            var problems = await Data.ReadAsync(async db =>
            {
                // The same check as the API's: the validator on the slice of the inventory this zone's rules read.
                var list = (await new InventoryChecks(db).CheckAsync(edited, CancellationToken.None)).ToList();
                if (IsNew && await db.Zones.AnyAsync(z => z.Id == edited.Id))
                {
                    list.Insert(0, new InventoryProblem(ProblemSeverity.Error, "duplicate-id", InventoryEntity.Zone, edited.Id, "id", $"A zone with id '{edited.Id}' exists already; choose another id."));
                }

                return list;
            });
            errors.AddAll(problems);
            if (errors.Any)
            {
                return;
            }

            await Data.WriteAsync(async (db, audit) =>
            {
                var before = await db.Zones.AsNoTracking().FirstOrDefaultAsync(z => z.Id == edited.Id);
                if (before is null)
                {
                    db.Zones.Add(edited);
                }
                else
                {
                    db.Zones.Update(edited);
                }

                audit.Record(user.ActorName(), before is null ? "create" : "update", "zone", edited.Id, edited.SiteId, before, edited);
                return true;
            });
            Snackbar.Add($"Saved zone {edited.Name}.", Severity.Success);
            Navigation.NavigateTo(RecordLinks.Zone(edited.SiteId, edited.Id));
        }
        finally
        {
            saving = false;
        }
    }

    private async Task Delete()
    {
        var (assets, conduits) = await Data.ReadAsync(async db => (
            await db.Assets.CountAsync(a => a.ZoneId == zone.Id),
            await db.Conduits.CountAsync(c => c.FromZoneId == zone.Id || c.ToZoneId == zone.Id)));
        if (assets > 0 || conduits > 0)
        {
            errors.Clear();
            errors.Add(null, $"Zone '{zone.Name}' still has {assets} asset(s) and {conduits} conduit(s). Move the assets to another zone and delete its conduits first, then delete the zone.");
            return;
        }

        if (await Dialogs.ShowMessageBoxAsync("Delete zone?", $"Delete zone '{zone.Name}'? The deletion is recorded in the audit log.", yesText: "Delete", cancelText: "Keep it") != true
            || !user.CanEdit(zone.SiteId))
        {
            return;
        }

        await Data.WriteAsync(async (db, audit) =>
        {
            var stored = await db.Zones.FindAsync(zone.Id);
            if (stored is not null)
            {
                db.Zones.Remove(stored);
                audit.Record(user.ActorName(), "delete", "zone", stored.Id, stored.SiteId, stored, null);
            }

            return true;
        });
        Snackbar.Add($"Deleted zone {zone.Name}.", Severity.Success);
        Navigation.NavigateTo("/zones?site=" + Uri.EscapeDataString(zone.SiteId));
    }
}
