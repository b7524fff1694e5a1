using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
using Seam.Server.Features.Ui.Zones;
using Seam.Storage.Discovery;

namespace Seam.Server.Features.Ui.Discovery;

/// <summary>
/// One discovery's review: the communication map over the site's Purdue diagram, then new devices, changed identity and
/// traffic no conduit allows, each accepted or rejected on its own; the accepted set merges in one go. Anyone who can
/// see the site may look; deciding, merging and discarding need the engineer role there.
/// </summary>
public sealed partial class DiscoveryPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private StoredDiscovery? stored;
    private PurdueDiagramLayout? layout;
    private CommunicationMap? map;
    private string siteName = "";
    private bool loading = true;
    private bool canEdit;
    private bool busy;
    private string? discardReason;
    private string? actionError;
    private MergeOutcome? mergeResult;
    private ClaimsPrincipal user = new();

    [Parameter]
    public long Id { get; set; }

    [Inject]
    private DiscoveryService Discoveries { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private int Accepted => stored?.Decisions.Values.Count(d => d.Accepted) ?? 0;

    private int Rejected => stored?.Decisions.Values.Count(d => !d.Accepted) ?? 0;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        await LoadAsync();
        loading = false;
    }

    private async Task LoadAsync()
    {
        var found = await Discoveries.GetAsync(Id);
        stored = found is not null && user.CanSee(found.Summary.SiteId) ? found : null;
        if (stored is null)
        {
            return;
        }

        var siteId = stored.Summary.SiteId;
        var model = stored.Inventory;
        siteName = model.Sites.FirstOrDefault(s => s.Id == siteId)?.Name ?? siteId;
        canEdit = user.CanEdit(siteId);
        var zones = model.Zones.Where(z => z.SiteId == siteId).ToList();
        if (zones.Count == 0)
        {
            (layout, map) = (null, null);
            return;
        }

        var counts = model.Assets.Where(a => a.SiteId == siteId && a.ZoneId is not null).GroupBy(a => a.ZoneId!)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        layout = PurdueDiagramLayout.Build(zones, [.. model.Conduits.Where(c => c.SiteId == siteId)], counts);
        map = CommunicationMap.Build(layout, stored.Review);
    }

    private string ZoneName(string? zoneId) =>
        zoneId is null ? "none (no zone holds the address)" : stored?.Inventory.Zones.FirstOrDefault(z => z.Id == zoneId)?.Name ?? zoneId;

    private async Task DecideAllAsync(IEnumerable<string> items, bool accept)
    {
        busy = true;
        actionError = null;
        try
        {
            var outcome = await Discoveries.DecideAsync(Id, [.. items.Select(i => (i, accept))], user.ActorName());
            if (!outcome.Succeeded)
            {
                actionError = outcome.Error!.Message;
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task MergeAsync()
    {
        busy = true;
        actionError = null;
        try
        {
            var outcome = await Discoveries.MergeAsync(Id, user.ActorName());
            if (outcome.Succeeded)
            {
                mergeResult = outcome.Value;
            }
            else
            {
                actionError = outcome.Error!.Message;
            }

            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private async Task DiscardAsync()
    {
        busy = true;
        actionError = null;
        try
        {
            var outcome = await Discoveries.DiscardAsync(Id, user.ActorName(), discardReason);
            actionError = outcome.Error?.Message;
            await LoadAsync();
        }
        finally
        {
            busy = false;
        }
    }
}
