namespace Seam.Server.Features.Intelligence;

/// <summary>
/// Uploaded files written to a private temporary folder under their own (base) names, so that archive readers and
/// sidecar checks (<c>x.json</c> beside <c>x.json.sha512</c>) see them as they would on disk. Deleted on dispose.
/// </summary>
internal sealed class UploadFolder : IDisposable
{
    private UploadFolder(string root, IReadOnlyList<string> paths, string? error)
    {
        Root = root;
        Paths = paths;
        Error = error;
    }

    public string Root { get; }

    public IReadOnlyList<string> Paths { get; }

    /// <summary>Why the upload was refused (too large), or null.</summary>
    public string? Error { get; }

    public static Task<UploadFolder> SaveAsync(IFormFileCollection files, long maxBytes, CancellationToken ct) =>
        SaveAsync([.. files.Select(f => new UploadedFile(f.FileName, f.Length, f.OpenReadStream))], maxBytes, onFile: null, ct);

    /// <param name="onFile">Told each file's name before it is written, for a progress line.</param>
    public static async Task<UploadFolder> SaveAsync(IReadOnlyList<UploadedFile> files, long maxBytes, Func<string, Task>? onFile, CancellationToken ct)
    {
        var root = Directory.CreateTempSubdirectory("seam-upload-").FullName;
        var total = files.Sum(f => f.Length);
        if (total > maxBytes)
        {
            return new UploadFolder(root, [], $"The upload is {total / (1024 * 1024)} MiB; at most {maxBytes / (1024 * 1024)} MiB are accepted. Import larger sets with `seam import csaf <folder>`.");
        }

        var paths = new List<string>();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            if (onFile is not null)
            {
                await onFile(file.Name);
            }

            // Only the base name is kept: a client-chosen path must never place a file outside this folder.
            var name = Path.GetFileName(file.Name.Replace('\\', '/'));
            if (string.IsNullOrWhiteSpace(name) || name is "." or "..")
            {
                name = "upload";
            }

            var unique = name;
            for (var i = 2; !used.Add(unique); i++)
            {
                unique = $"{i}-{name}";
            }

            var path = Path.Combine(root, unique);
            await using (var target = File.Create(path))
            await using (var source = file.Open())
            {
                await source.CopyToAsync(target, ct);
            }

            // Sidecars are found beside their documents; they are not documents themselves.
            if (!unique.EndsWith(".sha512", StringComparison.OrdinalIgnoreCase) && !unique.EndsWith(".asc", StringComparison.OrdinalIgnoreCase))
            {
                paths.Add(path);
            }
        }

        return new UploadFolder(root, paths, null);
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless; the OS cleans it.
        }
    }
}

/// <summary>One uploaded file, whatever delivered it (a multipart form, a Blazor file input).</summary>
internal sealed record UploadedFile(string Name, long Length, Func<Stream> Open);
