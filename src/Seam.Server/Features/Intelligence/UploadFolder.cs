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

    public static async Task<UploadFolder> SaveAsync(IFormFileCollection files, long maxBytes, CancellationToken ct)
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
            // Only the base name is kept: a client-chosen path must never place a file outside this folder.
            var name = Path.GetFileName(file.FileName.Replace('\\', '/'));
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
            {
                await file.CopyToAsync(target, ct);
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
