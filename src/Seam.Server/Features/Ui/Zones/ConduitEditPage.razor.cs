using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Inventory;
using Seam.Server.Features.Api;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;

namespace Seam.Server.Features.Ui.Zones;

/// <summary>Creates, edits or deletes a conduit. Needs Engineer on the conduit's site; checked on load and again at the write.</summary>
public partial class ConduitEditPage
{
    private readonly FormErrors errors = new();
    private MudForm? form;
    private Conduit conduit = new() { Id = "", SiteId = "", FromZoneId = "", ToZoneId = "" };
    private string? services;
    private string siteName = "";

    /// <summary>The name as loaded, for the heading and breadcrumbs while the name box is being edited.</summary>
    private string savedName = "";
    private List<Zone> zones = [];
    private bool loading = true;
    private bool saving;
    private string? refusal;
    private ClaimsPrincipal user = new();

    /// <summary>The conduit's id; null on /conduits/new.</summary>
    [Parameter]
    public string? Id { get; set; }

    /// <summary>The site of a new conduit.</summary>
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
        new(siteName, "/zones?site=" + Uri.EscapeDataString(conduit.SiteId)),
        IsNew ? new("New conduit", null, disabled: true) : new(savedName, RecordLinks.Conduit(conduit.SiteId, conduit.Id)),
        .. IsNew ? Array.Empty<BreadcrumbItem>() : [new BreadcrumbItem("Edit", null, disabled: true)],
    ];

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        var (existing, site, siteZones) = await Data.ReadAsync(async db =>
        {
            var c = Id is null ? null : await db.Conduits.FirstOrDefaultAsync(x => x.Id == Id);
            var siteId = c?.SiteId ?? SiteQuery;
            var s = siteId is null ? null : await db.Sites.FirstOrDefaultAsync(x => x.Id == siteId);
            var z = siteId is null ? [] : await db.Zones.Where(x => x.SiteId == siteId).OrderByDescending(x => x.Level).ThenBy(x => x.Name).ToListAsync();
            return (c, s, z);
        });
        zones = siteZones;
        if (site is null || (!IsNew && existing is null) || !user.CanSee(site.Id))
        {
            refusal = IsNew ? "Choose a site first: open Zones & conduits, pick the site and use New conduit." : $"There is no conduit with id “{Id}” that you can see.";
        }
        else if (!user.CanEdit(site.Id))
        {
            refusal = "Changing conduits needs the Engineer role on this site. Ask a Seam admin if you should have it.";
        }
        else
        {
            siteName = site.Name;
            conduit = existing ?? new Conduit { Id = "", SiteId = site.Id, FromZoneId = "", ToZoneId = "" };
            savedName = conduit.Name ?? conduit.Id;
            services = ListText.Join(conduit.Services.Select(s => s.ToString()));
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

        var (parsed, serviceError) = ListText.ParseServices(services);
        if (serviceError is not null)
        {
            errors.Add("services", serviceError);
            return;
        }

        var id = string.IsNullOrWhiteSpace(conduit.Id) ? $"{conduit.FromZoneId}-to-{conduit.ToZoneId}" : conduit.Id.Trim();
        var edited = new Conduit
        {
            Id = id,
            SiteId = conduit.SiteId,
            Name = string.IsNullOrWhiteSpace(conduit.Name) ? null : conduit.Name.Trim(),
            FromZoneId = conduit.FromZoneId,
            ToZoneId = conduit.ToZoneId,
            Services = parsed,
            Direction = conduit.Direction,
            EnforcedBy = string.IsNullOrWhiteSpace(conduit.EnforcedBy) ? null : conduit.EnforcedBy.Trim(),
            Description = string.IsNullOrWhiteSpace(conduit.Description) ? null : conduit.Description.Trim(),
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
                var list = (await new InventoryChecks(db).CheckAsync(edited, CancellationToken.None)).ToList();
                if (IsNew && await db.Conduits.AnyAsync(c => c.Id == edited.Id))
                {
                    list.Insert(0, new InventoryProblem(ProblemSeverity.Error, "duplicate-id", InventoryEntity.Conduit, edited.Id, "id", $"A conduit with id '{edited.Id}' exists already; choose another id."));
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
                var before = await db.Conduits.AsNoTracking().FirstOrDefaultAsync(c => c.Id == edited.Id);
                if (before is null)
                {
                    db.Conduits.Add(edited);
                }
                else
                {
                    db.Conduits.Update(edited);
                }

                audit.Record(user.ActorName(), before is null ? "create" : "update", "conduit", edited.Id, edited.SiteId, before, edited);
                return true;
            });
            Snackbar.Add(errors.Smells.Count == 0 ? "Saved the conduit." : $"Saved the conduit, with {errors.Smells.Count} smell(s): see the zones page.",
                errors.Smells.Count == 0 ? Severity.Success : Severity.Warning);
            Navigation.NavigateTo(RecordLinks.Conduit(edited.SiteId, edited.Id));
        }
        finally
        {
            saving = false;
        }
    }

    private async Task Delete()
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete conduit?", $"Delete conduit '{conduit.Name ?? conduit.Id}'? Traffic it allowed will have no rule; the deletion is recorded in the audit log.",
                yesText: "Delete", cancelText: "Keep it") != true || !user.CanEdit(conduit.SiteId))
        {
            return;
        }

        await Data.WriteAsync(async (db, audit) =>
        {
            var stored = await db.Conduits.FindAsync(conduit.Id);
            if (stored is not null)
            {
                db.Conduits.Remove(stored);
                audit.Record(user.ActorName(), "delete", "conduit", stored.Id, stored.SiteId, stored, null);
            }

            return true;
        });
        Snackbar.Add("Deleted the conduit.", Severity.Success);
        Navigation.NavigateTo("/zones?site=" + Uri.EscapeDataString(conduit.SiteId));
    }
}
