using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Seam.Access;
using Seam.Intelligence.Feeds;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Intelligence;
using Seam.Storage.Intelligence;

namespace Seam.Server.Features.Ui.Advisories;

public enum FeedKind
{
    Csaf,
    Kev,
    Epss,
    Nvd,
}

/// <summary>
/// Imports advisories and feeds from the browser through the same code paths as the API: uploaded files are saved to a
/// private temp folder (names kept, so sidecars find their documents) and read by <see cref="AdvisorySources"/>, feeds by
/// <see cref="FeedImports"/>. The rule is the API's too: engineer on all sites.
/// </summary>
public sealed partial class IntelligenceImport
{
    private const int MaxFiles = 200;

    private readonly List<IBrowserFile> chosen = [];
    private FeedKind kind = FeedKind.Csaf;
    private bool canImport;
    private bool expanded;
    private bool running;
    private string? error;
    private string progressText = "";
    private AdvisoryImportSummary? summary;
    private string? feedResult;
    private System.Security.Claims.ClaimsPrincipal user = new();

    [Inject]
    private AdvisoryImporter Advisories { get; set; } = default!;

    [Inject]
    private FeedImporter Feeds { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        canImport = user.HasRole(Role.Engineer, null);
    }

    private void OnKindChanged(FeedKind next)
    {
        kind = next;
        error = null;
    }

    private void OnFilesChosen(IReadOnlyList<IBrowserFile>? files)
    {
        chosen.Clear();
        chosen.AddRange(files ?? []);
        error = null;
        summary = null;
        feedResult = null;
    }

    private async Task RunImport()
    {
        // Checked again at the moment of the import, on the server.
        if (!user.HasRole(Role.Engineer, null))
        {
            error = "Advisories and feeds serve every site: importing them needs the engineer role on all sites.";
            return;
        }

        if (kind != FeedKind.Csaf && chosen.Count != 1)
        {
            error = $"A {kind.ToString().ToUpperInvariant()} import takes exactly one file; {chosen.Count} were chosen.";
            return;
        }

        running = true;
        error = null;
        summary = null;
        feedResult = null;
        UploadFolder? upload = null;
        try
        {
            var files = chosen.Select(f => new UploadedFile(f.Name, f.Size, () => f.OpenReadStream(IntelligenceEndpoints.MaxUploadBytes))).ToList();
            upload = await UploadFolder.SaveAsync(files, IntelligenceEndpoints.MaxUploadBytes, name =>
            {
                progressText = $"Uploading {name}…";
                return InvokeAsync(StateHasChanged);
            }, CancellationToken.None);
            if (upload.Error is not null)
            {
                error = upload.Error;
                return;
            }

            var paths = upload.Paths;
            var actor = user.ActorName();
            if (paths.Count == 0)
            {
                error = "Only sidecar files (.sha512, .asc) were chosen; choose the documents they belong to as well.";
                return;
            }

            if (kind == FeedKind.Csaf)
            {
                var progress = new Progress<AdvisoryImportProgress>(p =>
                {
                    progressText = string.Create(CultureInfo.InvariantCulture, $"{p.Done} document(s) done; last: {p.Current} ({p.Outcome.ToString().ToLowerInvariant()})");
                    _ = InvokeAsync(StateHasChanged);
                });
                progressText = "Checking and matching the documents…";
                summary = await Task.Run(() => Advisories.ImportAsync(AdvisorySources.Read(paths, new AdvisorySourceOptions()), actor, progress));
            }
            else
            {
                progressText = $"Reading {chosen[0].Name}…";
                await using var stream = File.OpenRead(paths[0]);
                var name = chosen[0].Name;
                var result = kind switch
                {
                    FeedKind.Kev => await FeedImports.ImportKevAsync(Feeds, stream, name, actor, CancellationToken.None),
                    FeedKind.Epss => await FeedImports.ImportEpssAsync(Feeds, stream, name, actor, CancellationToken.None),
                    _ => await FeedImports.ImportNvdAsync(Feeds, stream, name, actor, CancellationToken.None),
                };
                feedResult = result.ToString();
            }

            chosen.Clear();
        }
        catch (FeedFormatException e)
        {
            error = "Nothing was imported: " + e.Message;
        }
        catch (IOException e)
        {
            error = "The upload failed: " + e.Message;
        }
        finally
        {
            running = false;
            upload?.Dispose();
        }
    }
}
