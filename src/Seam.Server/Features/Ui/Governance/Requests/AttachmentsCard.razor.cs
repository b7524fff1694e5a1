using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using MudBlazor;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Ui.Governance.Requests;

/// <summary>
/// Files on a request. Uploads go through <see cref="GovernanceService.AttachAsync"/>, which keeps the SHA-256 and
/// audits the upload; downloads are the API's (cookie-authenticated, site-checked) attachment endpoint.
/// </summary>
public partial class AttachmentsCard
{
    private bool busy;
    private string? error;

    /// <summary>The request the files belong to.</summary>
    [Parameter, EditorRequired]
    public string RequestId { get; set; } = "";

    /// <summary>The files stored on the request, oldest first.</summary>
    [Parameter, EditorRequired]
    public IReadOnlyList<AttachmentInfo> Attachments { get; set; } = [];

    /// <summary>Whether the signed-in person may add files (engineer on the site, or the vendor who asked).</summary>
    [Parameter]
    public bool CanAttach { get; set; }

    /// <summary>The signed-in user's name, recorded as the uploader.</summary>
    [Parameter, EditorRequired]
    public string Me { get; set; } = "";

    /// <summary>Raised after a file was stored, so the page reloads the request.</summary>
    [Parameter]
    public EventCallback Uploaded { get; set; }

    [Inject]
    private GovernanceService Governance { get; set; } = default!;

    [Inject]
    private ISnackbar Snackbar { get; set; } = default!;

    private async Task UploadAsync(InputFileChangeEventArgs e)
    {
        error = null;
        var file = e.File;
        if (file.Size > GovernanceService.MaxAttachmentBytes)
        {
            error = $"{file.Name} has {Size(file.Size)}; an attachment holds at most {Size(GovernanceService.MaxAttachmentBytes)}.";
            return;
        }

        busy = true;
        try
        {
            using var buffer = new MemoryStream();
            await using (var stream = file.OpenReadStream(GovernanceService.MaxAttachmentBytes))
            {
                await stream.CopyToAsync(buffer);
            }

            var result = await Governance.AttachAsync(RequestId, Me, file.Name, file.ContentType, buffer.ToArray());
            if (result.Error is { } refused)
            {
                error = refused.Message;
                return;
            }

            Snackbar.Add($"{result.Value!.FileName} attached.", Severity.Success);
            await Uploaded.InvokeAsync();
        }
        finally
        {
            busy = false;
        }
    }

    private static string Size(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.#} KB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes / (1024.0 * 1024):0.#} MB"),
    };
}
