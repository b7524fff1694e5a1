using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Inventory;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Exposure;

namespace Seam.Server.Features.Ui.Maintenance;

/// <summary>
/// A site's maintenance windows with their next occurrences. Engineers of the site create, edit and delete them;
/// the writes go through <see cref="ExposureRecords"/>, which validates them (the API's rules) and audits them in the
/// same SaveChanges. The role is checked on load and again before each write.
/// </summary>
public partial class MaintenancePage
{
    /// <summary>The "Covers" choice for a window of the whole site (a select needs a non-null value).</summary>
    private const string WholeSite = "";

    private static readonly DayOfWeek[] Weekdays =
        [DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday];

    private readonly FormErrors errors = new();
    private List<Site> sites = [];
    private Site? site;
    private List<WindowRow> windows = [];
    private List<string> lines = [];
    private bool loading = true;
    private bool canEdit;
    private bool saving;
    private DateTimeOffset now;
    private WindowEdit? editing;
    private string? editingId;
    private ClaimsPrincipal user = new();

    /// <summary>The site to show; the first visible site when absent.</summary>
    [SupplyParameterFromQuery(Name = "site")]
    public string? Site { get; set; }

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private ExposureService Exposure { get; set; } = default!;

    [Inject]
    private TimeProvider Time { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    [Inject]
    private IDialogService Dialogs { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnParametersSetAsync()
    {
        loading = true;
        user = (await AuthState).User;
        editing = null;
        editingId = null;
        errors.Clear();
        (sites, lines) = await Data.ReadAsync(async db =>
        {
            var visible = await db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync();
            var siteId = Site ?? visible.FirstOrDefault()?.Id;
            var siteLines = siteId is null
                ? []
                : await db.Assets.Where(a => a.SiteId == siteId && a.ProcessLine != null).Select(a => a.ProcessLine!).Distinct().ToListAsync();
            return (visible, siteLines.Order(StringComparer.OrdinalIgnoreCase).ToList());
        });
        var id = Site ?? sites.FirstOrDefault()?.Id;
        site = sites.FirstOrDefault(s => s.Id == id);
        canEdit = site is not null && user.CanEdit(site.Id);
        await LoadWindowsAsync();
        loading = false;
    }

    private async Task LoadWindowsAsync()
    {
        now = Time.GetUtcNow();
        windows = site is null
            ? []
            : [.. (await Exposure.Records.MaintenanceWindows.ListAsync(user.VisibleSites(), site.Id))
                .Select(w => new WindowRow(w, WindowSchedule.Next(w, now, 3)))
                .OrderBy(r => r.Next[0].Start)];
    }

    private void PickSite(string siteId) => Navigation.NavigateTo("/maintenance?site=" + Uri.EscapeDataString(siteId));

    private void StartNew()
    {
        errors.Clear();
        editingId = null;
        editing = new WindowEdit();
    }

    private void StartEdit(MaintenanceWindow w)
    {
        errors.Clear();
        editingId = w.Id;
        editing = WindowEdit.From(w);
    }

    private void Cancel()
    {
        errors.Clear();
        editing = null;
        editingId = null;
    }

    private async Task Save()
    {
        if (editing is null || site is null)
        {
            return;
        }

        errors.Clear();
        if (!user.CanEdit(site.Id))
        {
            errors.Add(null, $"Saving needs the Engineer role on {site.Name}.");
            return;
        }

        saving = true;
        try
        {
            var input = editing.ToInput(editingId, site.Id);
            var records = Exposure.Records.MaintenanceWindows;
            var result = editingId is null
                ? await records.CreateAsync(input, user.ActorName())
                : await records.ReplaceAsync(editingId, input, user.ActorName());
            if (result.Status != RecordWriteStatus.Written)
            {
                foreach (var e in result.Errors)
                {
                    errors.Add(e.Field is "siteId" or "id" ? null : e.Field, e.Message);
                }

                if (result.Status == RecordWriteStatus.NotFound)
                {
                    errors.Add(null, "This window was deleted meanwhile; cancel and create it again.");
                }

                return;
            }

            Snackbar.Add($"Saved maintenance window {result.Record!.Name}.", Severity.Success);
            editing = null;
            editingId = null;
            await LoadWindowsAsync();
        }
        finally
        {
            saving = false;
        }
    }

    private async Task Delete(MaintenanceWindow w)
    {
        if (await Dialogs.ShowMessageBoxAsync("Delete maintenance window?", $"Delete '{w.Name}'? Requests scheduled into it keep their date. The deletion is recorded in the audit log.",
                yesText: "Delete", cancelText: "Keep it") != true
            || !user.CanEdit(w.SiteId))
        {
            return;
        }

        if (await Exposure.Records.MaintenanceWindows.DeleteAsync(w.Id, user.ActorName()))
        {
            Snackbar.Add($"Deleted maintenance window {w.Name}.", Severity.Success);
        }

        if (editingId == w.Id)
        {
            Cancel();
        }

        await LoadWindowsAsync();
    }

    private sealed record WindowRow(MaintenanceWindow Window, IReadOnlyList<Occurrence> Next);

    /// <summary>The editor's fields; 0 weeks means every week.</summary>
    private sealed class WindowEdit
    {
        public string Name { get; set; } = "";

        public string ProcessLine { get; set; } = WholeSite;

        public DayOfWeek Day { get; set; } = DayOfWeek.Sunday;

        public int WeekOfMonth { get; set; }

        public string Start { get; set; } = "02:00";

        public double DurationHours { get; set; } = 4;

        public static WindowEdit From(MaintenanceWindow w) => new()
        {
            Name = w.Name,
            ProcessLine = w.ProcessLine ?? WholeSite,
            Day = w.Day,
            WeekOfMonth = w.WeekOfMonth ?? 0,
            Start = w.Start.ToString("HH:mm", CultureInfo.InvariantCulture),
            DurationHours = w.DurationHours,
        };

        public MaintenanceWindowInput ToInput(string? id, string siteId) => new(
            id, siteId, Name, ProcessLine.Length == 0 ? null : ProcessLine, Day.ToString(), WeekOfMonth == 0 ? null : WeekOfMonth, Start, DurationHours);
    }
}
