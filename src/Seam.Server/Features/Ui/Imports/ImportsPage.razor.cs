using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Forms;
using Seam.Access;
using Seam.Inventory;
using Seam.Server.Features.Auth;

namespace Seam.Server.Features.Ui.Imports;

public sealed partial class ImportsPage : IDisposable
{
    private const int MaxFiles = 20;

    /// <summary>Large enough for a 100,000-asset CSV with room to spare.</summary>
    private const long MaxFileBytes = 512L * 1024 * 1024;

    private readonly List<IBrowserFile> chosen = [];
    private ImportMode mode = ImportMode.Merge;
    private bool canImport;
    private bool running;
    private string? chooseError;
    private string progressText = "";
    private double? progressPercent;
    private ImportRunResult? result;
    private string errorSearch = "";
    private ClaimsPrincipal user = new();
    private CancellationTokenSource? cancel;

    [Inject]
    private IInventoryImportRunner Runner { get; set; } = default!;

    [Inject]
    private ILogger<ImportsPage> Logger { get; set; } = default!;

    [CascadingParameter]
    private Task<AuthenticationState> AuthState { get; set; } = default!;

    protected override async Task OnInitializedAsync()
    {
        user = (await AuthState).User;
        canImport = user.HasRoleAnywhere(Role.Engineer);
    }

    private void OnFilesChosen(IReadOnlyList<IBrowserFile>? files)
    {
        chosen.Clear();
        chooseError = null;
        result = null;
        foreach (var f in files ?? [])
        {
            if (FileType(f.Name) is null)
            {
                chooseError = $"'{f.Name}' is neither .csv nor .json; it was left out.";
            }
            else if (f.Size > MaxFileBytes)
            {
                chooseError = $"'{f.Name}' is larger than {FormatSize(MaxFileBytes)}; split it or import it with the command line.";
            }
            else
            {
                chosen.Add(f);
            }
        }
    }

    private async Task RunImport()
    {
        running = true;
        result = null;
        cancel = new CancellationTokenSource();
        var temp = new List<string>();
        try
        {
            var files = new List<ImportFile>();
            long totalBytes = chosen.Sum(f => f.Size), done = 0;
            foreach (var f in chosen)
            {
                var path = Path.Combine(Path.GetTempPath(), "seam-import-" + Guid.NewGuid().ToString("N") + Path.GetExtension(f.Name));
                temp.Add(path);
                await using (var source = f.OpenReadStream(MaxFileBytes, cancel.Token))
                await using (var target = File.Create(path))
                {
                    var buffer = new byte[81920];
                    int read;
                    while ((read = await source.ReadAsync(buffer, cancel.Token)) > 0)
                    {
                        await target.WriteAsync(buffer.AsMemory(0, read), cancel.Token);
                        done += read;
                        ShowProgress($"Uploading {f.Name}: {FormatSize(done)} of {FormatSize(totalBytes)}", totalBytes == 0 ? null : 100.0 * done / totalBytes);
                    }
                }

                var stored = path;
                files.Add(new ImportFile(f.Name, f.Size, () => File.OpenRead(stored)));
            }

            ShowProgress("Reading files…", null);
            var progress = new ThrottledProgress(this);
            result = await Runner.RunAsync(files, mode, user, progress, cancel.Token);
        }
        catch (OperationCanceledException)
        {
            result = ImportRunResult.Failed("The import was cancelled; nothing was stored.");
        }
        catch (IOException e)
        {
            Logger.LogWarning(e, "Upload of import files failed");
            result = ImportRunResult.Failed("The upload broke off (the connection may have dropped). Nothing was stored; choose the files and try again.");
        }
        finally
        {
            foreach (var path in temp)
            {
                TryDelete(path);
            }

            running = false;
            cancel.Dispose();
            cancel = null;
        }
    }

    private void Cancel() => cancel?.Cancel();

    private void ShowProgress(string text, double? percent)
    {
        progressText = text;
        progressPercent = percent;
        _ = InvokeAsync(StateHasChanged);
    }

    private bool MatchesErrorSearch(ImportRowError e) =>
        string.IsNullOrWhiteSpace(errorSearch)
        || e.Location.Contains(errorSearch, StringComparison.OrdinalIgnoreCase)
        || (e.Field?.Contains(errorSearch, StringComparison.OrdinalIgnoreCase) ?? false)
        || e.Message.Contains(errorSearch, StringComparison.OrdinalIgnoreCase);

    private static string? FileType(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".csv" => "CSV",
        ".json" => "JSON",
        _ => null,
    };

    private static string FormatSize(long bytes) => bytes switch
    {
        < 1024 => bytes.ToString(CultureInfo.InvariantCulture) + " B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", CultureInfo.InvariantCulture) + " KB",
        _ => (bytes / (1024.0 * 1024)).ToString("0.#", CultureInfo.InvariantCulture) + " MB",
    };

    private void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException e)
        {
            Logger.LogWarning(e, "Could not delete temporary import file {Path}", path);
        }
    }

    public void Dispose()
    {
        cancel?.Cancel();
        cancel?.Dispose();
    }

    /// <summary>Forwards runner progress to the page at most every 100 ms; callable from any thread.</summary>
    private sealed class ThrottledProgress(ImportsPage page) : IProgress<ImportProgress>
    {
        private long lastTicks;

        public void Report(ImportProgress value)
        {
            var now = Environment.TickCount64;
            if (now - Interlocked.Read(ref lastTicks) < 100)
            {
                return;
            }

            Interlocked.Exchange(ref lastTicks, now);
            var what = value.Stage switch
            {
                ImportStage.Reading => $"Reading {value.File}: {value.RowsDone:N0} rows",
                ImportStage.Validating => "Checking the inventory",
                _ => $"Storing: {value.RowsDone:N0} records",
            };
            double? pct = value.RowsTotal is > 0 ? 100.0 * value.RowsDone / value.RowsTotal.Value : null;
            page.ShowProgress(what, pct);
        }
    }
}
