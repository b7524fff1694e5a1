using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using MudBlazor;
using Seam.Discovery;
using Seam.Inventory;
using Seam.Protocols.Capture;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Discovery;
using Seam.Server.Features.Intelligence;
using Seam.Server.Features.Ui.Shared;
using Seam.Storage.Discovery;

namespace Seam.Server.Features.Ui.Discovery;

/// <summary>
/// Uploads captures from the browser through the same path as the API (a private temp folder, then
/// <see cref="PassiveDiscovery"/>), and lists the reviews on the sites the user can see.
/// </summary>
public sealed partial class DiscoveriesPage
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    private readonly List<IBrowserFile> chosen = [];
    private List<Site> visibleSites = [];
    private List<Site> writableSites = [];
    private IReadOnlyList<DiscoverySummary>? discoveries;
    private string? site;
    private bool running;
    private string progressText = "";
    private string? error;
    private ClaimsPrincipal user = new();

    [Inject]
    private UiData Data { get; set; } = default!;

    [Inject]
    private DiscoveryService Discoveries { get; set; } = default!;

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        visibleSites = await Data.ReadAsync(db => db.Sites.VisibleTo(user).OrderBy(s => s.Name).ToListAsync());
        writableSites = [.. visibleSites.Where(s => user.CanEdit(s.Id))];
        site = writableSites.FirstOrDefault()?.Id;
        discoveries = await Discoveries.ListAsync(user.VisibleSites());
    }

    private string SiteName(string id) => visibleSites.FirstOrDefault(s => s.Id == id)?.Name ?? id;

    private static Color StatusColour(DiscoveryStatus status) => status switch
    {
        DiscoveryStatus.Open => Color.Warning,
        DiscoveryStatus.Merged => Color.Success,
        _ => Color.Default,
    };

    private void OnFilesChosen(IReadOnlyList<IBrowserFile>? files)
    {
        chosen.Clear();
        chosen.AddRange(files ?? []);
        error = null;
    }

    private async Task AnalyseAsync()
    {
        // Checked again at the moment of the upload: roles may have changed since the page was drawn.
        if (site is null || !user.CanEdit(site))
        {
            error = "Uploading captures for this site needs the engineer role on it.";
            return;
        }

        running = true;
        error = null;
        long? created = null;
        try
        {
            var files = chosen.Select(f => new UploadedFile(f.Name, f.Size, () => f.OpenReadStream(DiscoveryEndpoints.MaxCaptureBytes))).ToList();
            using var upload = await UploadFolder.SaveAsync(files, DiscoveryEndpoints.MaxCaptureBytes, name =>
            {
                progressText = $"Uploading {name}…";
                return InvokeAsync(StateHasChanged);
            }, CancellationToken.None);
            if (upload.Error is not null)
            {
                error = upload.Error;
                return;
            }

            var progress = new Progress<DiscoveryProgress>(p =>
            {
                progressText = string.Create(Invariant, $"Reading {Path.GetFileName(p.File)}: {p.Frames:N0} packets, {p.Bytes / 1e6:N1} of {p.TotalBytes / 1e6:N1} MB");
                _ = InvokeAsync(StateHasChanged);
            });
            progressText = "Reading the captures…";
            DiscoveryRun run;
            try
            {
                run = await Task.Run(() => PassiveDiscovery.Analyse(upload.Paths, progress: progress));
            }
            catch (CaptureFormatException e)
            {
                error = e.Message.Replace(upload.Root + Path.DirectorySeparatorChar, "", StringComparison.Ordinal);
                return;
            }

            var stored = await Discoveries.CreateAsync(site, run, user.ActorName());
            if (!stored.Succeeded)
            {
                error = stored.Error!.Message;
                return;
            }

            created = stored.Value!.Summary.Id;
        }
        finally
        {
            running = false;
        }

        Navigation.NavigateTo($"/discovery/{created}");
    }
}
