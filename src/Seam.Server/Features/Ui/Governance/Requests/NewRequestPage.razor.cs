using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Access;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Ui.Governance.Requests;

/// <summary>Drafts or submits a request. Needs Engineer on the request's site; checked on load and before the write.</summary>
public partial class NewRequestPage
{
    private readonly RequestForm form = new();
    private List<Site> sites = [];
    private List<Asset> assets = [];
    private List<Zone> zones = [];
    private bool loading = true;
    private bool busy;
    private string? error;
    private ClaimsPrincipal user = new();

    /// <summary>A site to start on, e.g. from a site page.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? SiteQuery { get; set; }

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private GovernanceService Governance { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    private static List<BreadcrumbItem> Crumbs => [new("Requests", "/requests"), new("New request", null, disabled: true)];

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        var visible = await Data.ReadAsync(db => db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync());
        sites = [.. visible.Where(s => user.HasRole(Role.Engineer, s.Id))];
        var start = sites.FirstOrDefault(s => s.Id == SiteQuery) ?? sites.FirstOrDefault();
        if (start is not null)
        {
            await PickSite(start.Id);
        }

        loading = false;
    }

    private async Task PickSite(string siteId)
    {
        form.SiteId = siteId;
        form.AssetIds = [];
        (assets, zones) = await Data.ReadAsync(async db => (
            await db.Assets.Where(a => a.SiteId == siteId).OrderBy(a => a.Name).ToListAsync(),
            await db.Zones.Where(z => z.SiteId == siteId).OrderBy(z => z.Name).ToListAsync()));
    }

    private string AssetName(string id) => assets.FirstOrDefault(a => a.Id == id)?.Name ?? id;

    private async Task Save(bool submit)
    {
        error = null;
        if (!user.HasRole(Role.Engineer, form.SiteId))
        {
            error = "Asking for a decision on this site needs the Engineer role on it.";
            return;
        }

        if (form.Details(out var details) is { } problem)
        {
            error = problem;
            return;
        }

        busy = true;
        try
        {
            var result = await Governance.CreateAsync(new NewRequest
            {
                Scenario = form.Scenario,
                SiteId = form.SiteId,
                Title = form.Title,
                Description = string.IsNullOrWhiteSpace(form.Description) ? null : form.Description.Trim(),
                AssetIds = [.. form.AssetIds],
                FindingIds = form.Scenario == DecisionScenario.RiskAcceptance && !string.IsNullOrWhiteSpace(form.FindingId) ? [form.FindingId.Trim()] : [],
                Details = details,
                Submit = submit,
            }, user.ActorName());
            if (result.Error is { } refused)
            {
                error = refused.Message;
                return;
            }

            var id = result.Value!.Request.Id;
            Snackbar.Add(submit ? $"{id} submitted." : $"{id} saved as a draft.", Severity.Success);
            Navigation.NavigateTo($"/requests/{id}");
        }
        finally
        {
            busy = false;
        }
    }

    /// <summary>The form's fields; the scenario-specific ones are read only for their scenario.</summary>
    private sealed class RequestForm
    {
        public string SiteId { get; set; } = "";

        public DecisionScenario Scenario { get; set; } = DecisionScenario.Patch;

        public string Title { get; set; } = "";

        public string? Description { get; set; }

        public IReadOnlyCollection<string> AssetIds { get; set; } = [];

        public bool Reversible { get; set; } = true;

        public double DowntimeHours { get; set; }

        public string? Grantee { get; set; }

        public string? Vendor { get; set; }

        public string? Method { get; set; }

        public string? From { get; set; }

        public string? To { get; set; }

        public bool Mfa { get; set; } = true;

        public string? FindingId { get; set; }

        public string? AcceptReason { get; set; }

        public string? Controls { get; set; }

        public string? FromZone { get; set; }

        public string? ToZone { get; set; }

        public string? Services { get; set; }

        /// <summary>Builds the details; returns what is wrong with a date, or null.</summary>
        public string? Details(out RequestDetails details)
        {
            details = new RequestDetails { Reversible = Reversible, DowntimeHours = DowntimeHours };
            switch (Scenario)
            {
                case DecisionScenario.VendorRemoteAccess:
                    if (!Time(From, "From", out var from, out var fromProblem) || !Time(To, "To", out var to, out fromProblem))
                    {
                        return fromProblem;
                    }

                    details = details with
                    {
                        Access = new VendorAccessDetails(Grantee?.Trim() ?? "", Blank(Vendor), Method?.Trim() ?? "", null, [.. AssetIds], Mfa, from, to),
                    };
                    break;
                case DecisionScenario.RiskAcceptance:
                    if (!Time(To, "Until", out var until, out var untilProblem))
                    {
                        return untilProblem;
                    }

                    details = details with { Acceptance = new RiskAcceptanceDetails(FindingId?.Trim() ?? "", AcceptReason?.Trim() ?? "", Blank(Controls), until) };
                    break;
                case DecisionScenario.NewConnection when FromZone is not null && ToZone is not null:
                    details = details with { Connection = new NewConnectionDetails(FromZone, ToZone, ListText.Split(Services)) };
                    break;
            }

            return null;
        }

        private static bool Time(string? text, string label, out DateTimeOffset at, out string? problem)
        {
            problem = null;
            if (DateTimeOffset.TryParseExact(text?.Trim(), ["yyyy-MM-dd HH:mm", "yyyy-MM-ddTHH:mm", "yyyy-MM-dd"], CultureInfo.InvariantCulture,
                    DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out at))
            {
                return true;
            }

            problem = $"{label}: '{text}' is not a time; expected yyyy-MM-dd HH:mm in UTC, e.g. 2026-12-01 08:00.";
            return false;
        }

        private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
    }
}
