namespace Seam.Inventory.Exchange;

/// <summary>Files found at a path, and what was wrong with the path itself.</summary>
public sealed record InventoryFileSet(IReadOnlyList<InventoryFile> Files, IReadOnlyList<ImportError> Errors);

/// <summary>Turns a path — one file, or a folder of per-entity CSV files, asset lists and JSON — into <see cref="InventoryFile"/>s.</summary>
public static class InventoryFiles
{
    private static readonly string[] Extensions = [".csv", ".tsv", ".txt", ".json"];

    /// <summary>
    /// A file is offered as is. A folder's files are offered in name order; files whose extension is not .csv, .tsv, .txt
    /// or .json are errors, hidden files and sub-folders are skipped. Whether a .csv is a table or an asset list is decided by
    /// <see cref="InventoryReader"/> from its name and header row.
    /// </summary>
    public static InventoryFileSet FromPath(string path)
    {
        if (File.Exists(path))
        {
            return new InventoryFileSet([Describe(new FileInfo(path), Path.GetFileName(path))], []);
        }

        if (!Directory.Exists(path))
        {
            return new InventoryFileSet([], [new ImportError(path, null, null, null, "there is no such file or folder", "a .csv or .json file, or a folder of them")]);
        }

        var files = new List<InventoryFile>();
        var errors = new List<ImportError>();
        foreach (var info in new DirectoryInfo(path).EnumerateFiles().OrderBy(f => f.Name, StringComparer.Ordinal))
        {
            if (info.Name.StartsWith('.'))
            {
                continue;
            }

            if (Extensions.Contains(info.Extension, StringComparer.OrdinalIgnoreCase))
            {
                files.Add(Describe(info, info.Name));
            }
            else
            {
                errors.Add(new ImportError(info.Name, null, null, null, "the file is not an inventory file",
                    string.Join(", ", Tables.All.Select(t => t.FileName)) + ", an asset list (.csv) or an inventory (.json)"));
            }
        }

        if (files.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(path, null, null, null, "the folder is empty", "inventory files such as assets.csv or inventory.json"));
        }

        return new InventoryFileSet(files, errors);
    }

    private static InventoryFile Describe(FileInfo info, string name) =>
        new(name, () => new FileStream(info.FullName, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan), info.Length);
}
