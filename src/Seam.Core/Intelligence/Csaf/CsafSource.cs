using System.Formats.Tar;
using System.Globalization;
using System.IO.Compression;

namespace Seam.Intelligence.Csaf;

public sealed record CsafSourceOptions
{
    public const long DefaultMaxDocumentBytes = 64L * 1024 * 1024;

    public const long DefaultMaxArchiveBytes = 1024L * 1024 * 1024;

    /// <summary>A document larger than this is refused without being read (the largest real advisories are a few MiB).</summary>
    public long MaxDocumentBytes { get; init; } = DefaultMaxDocumentBytes;

    /// <summary>
    /// The most an archive may hold once expanded, all entries together, and the largest archive file accepted;
    /// beyond it the whole archive is refused (a zip or gzip bomb).
    /// </summary>
    public long MaxArchiveBytes { get; init; } = DefaultMaxArchiveBytes;

    /// <summary>Keys whose signatures are trusted; null means signatures are not checked (<see cref="SignatureOutcome.NotChecked"/>).</summary>
    public TrustedKeyRing? TrustedKeys { get; init; }
}

/// <summary>
/// One document found in a source, with the result of its integrity checks. <see cref="Name"/> is the path inside
/// the folder or archive (forward slashes), or the file name for a single file.
/// </summary>
public sealed record CsafSourceEntry(string Name, byte[] Content, Sha512Check Sha512, SignatureCheck Signature)
{
    /// <summary>Why the document was refused without reading it (too large); <see cref="Content"/> is empty then.</summary>
    public string? Refused { get; init; }

    /// <summary>Null when the document may be imported; otherwise why not (too large, hash mismatch, bad signature).</summary>
    public string? RejectionReason => Refused
        ?? (Sha512.Outcome == Sha512Outcome.Mismatched ? Sha512.Message
            : Signature.Outcome == SignatureOutcome.Invalid ? Signature.Message
            : null);
}

/// <summary>
/// Enumerates CSAF documents from a <c>.json</c> file, a folder (recursive), a <c>.zip</c>, or a
/// <c>.tar</c>/<c>.tar.gz</c>/<c>.tgz</c>, checking each against its <c>.sha512</c> and <c>.asc</c> sidecars.
/// Sizes are checked before anything is read. An archive is read and vetted completely before its first document is
/// handed out, so an archive with one dangerous entry (path traversal, a link, a device) yields nothing.
/// </summary>
public static class CsafSource
{
    /// <summary>Sidecars are tiny; anything larger is not a hash or a signature.</summary>
    private const int MaxSidecarBytes = 1024 * 1024;

    /// <exception cref="CsafSourceException">The path does not exist, or an archive is unsafe or unreadable (on enumeration).</exception>
    public static IEnumerable<CsafSourceEntry> Open(string path, CsafSourceOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        options ??= new CsafSourceOptions();
        if (Directory.Exists(path))
        {
            return FromFolder(path, options);
        }

        if (!File.Exists(path))
        {
            throw new CsafSourceException($"{path}: no such file or folder");
        }

        var lower = path.ToLowerInvariant();
        if (lower.EndsWith(".zip", StringComparison.Ordinal))
        {
            return FromArchive(path, options, ArchiveKind.Zip);
        }

        if (lower.EndsWith(".tar.gz", StringComparison.Ordinal) || lower.EndsWith(".tgz", StringComparison.Ordinal))
        {
            return FromArchive(path, options, ArchiveKind.TarGz);
        }

        if (lower.EndsWith(".tar", StringComparison.Ordinal))
        {
            return FromArchive(path, options, ArchiveKind.Tar);
        }

        if (lower.EndsWith(".json", StringComparison.Ordinal))
        {
            return FromFile(path, Path.GetFileName(path), options);
        }

        throw new CsafSourceException($"{path}: expected a .json file, a folder, a .zip, a .tar, a .tar.gz or a .tgz");
    }

    private static IEnumerable<CsafSourceEntry> FromFile(string path, string name, CsafSourceOptions options)
    {
        yield return ReadFileEntry(path, name, options);
    }

    private static IEnumerable<CsafSourceEntry> FromFolder(string folder, CsafSourceOptions options)
    {
        var files = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", new EnumerationOptions { RecurseSubdirectories = true }))
        {
            if (file.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                files.Add(file);
            }
        }

        files.Sort(StringComparer.Ordinal);
        foreach (var file in files)
        {
            yield return ReadFileEntry(file, Path.GetRelativePath(folder, file).Replace('\\', '/'), options);
        }
    }

    private static CsafSourceEntry ReadFileEntry(string path, string name, CsafSourceOptions options)
    {
        var length = new FileInfo(path).Length;
        if (length > options.MaxDocumentBytes)
        {
            return Refuse(name, TooLarge(name, length, options.MaxDocumentBytes));
        }

        byte[]? content;
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan))
        {
            content = ReadBounded(stream, options.MaxDocumentBytes, (int)length);
        }

        if (content is null)
        {
            return Refuse(name, $"{name}: grew beyond the {Limit(options.MaxDocumentBytes)} limit while being read; not read");
        }

        var sha512 = ReadSidecar(path + ".sha512") is { } hash
            ? Sha512Check.Verify(content, name, hash, name + ".sha512")
            : Sha512Check.NotProvided;
        var signature = ReadSidecar(path + ".asc") is { } asc
            ? SignatureCheck.Verify(content, name, asc, name + ".asc", options.TrustedKeys)
            : SignatureCheck.NotProvided;
        return new CsafSourceEntry(name, content, sha512, signature);
    }

    private static byte[]? ReadSidecar(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        if (new FileInfo(path).Length > MaxSidecarBytes)
        {
            // Too large to be a hash or a signature: hand on an empty one, which then fails its check by name.
            return [];
        }

        return File.ReadAllBytes(path);
    }

    private enum ArchiveKind
    {
        Zip,
        Tar,
        TarGz,
    }

    /// <summary>One member of an archive kept for pairing with its sidecars: content, or why it was refused.</summary>
    private sealed record Member(byte[]? Content, string? Refused);

    private static IEnumerable<CsafSourceEntry> FromArchive(string path, CsafSourceOptions options, ArchiveKind kind)
    {
        var archiveName = Path.GetFileName(path);
        var archiveLength = new FileInfo(path).Length;
        if (archiveLength > options.MaxArchiveBytes)
        {
            throw new CsafSourceException(TooLarge(archiveName, archiveLength, options.MaxArchiveBytes));
        }

        var members = kind == ArchiveKind.Zip
            ? ReadZip(path, archiveName, options)
            : ReadTar(path, archiveName, options, kind == ArchiveKind.TarGz);
        var names = new List<string>();
        foreach (var name in members.Keys)
        {
            if (name.EndsWith(".json", StringComparison.OrdinalIgnoreCase))
            {
                names.Add(name);
            }
        }

        names.Sort(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var member = members[name];
            if (member.Content is null)
            {
                yield return Refuse(name, member.Refused!);
                continue;
            }

            var sha512 = members.TryGetValue(name + ".sha512", out var hash)
                ? Sha512Check.Verify(member.Content, name, hash.Content ?? [], name + ".sha512")
                : Sha512Check.NotProvided;
            var signature = members.TryGetValue(name + ".asc", out var asc)
                ? SignatureCheck.Verify(member.Content, name, asc.Content ?? [], name + ".asc", options.TrustedKeys)
                : SignatureCheck.NotProvided;
            yield return new CsafSourceEntry(name, member.Content, sha512, signature);
        }
    }

    private static Dictionary<string, Member> ReadZip(string path, string archiveName, CsafSourceOptions options)
    {
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        try
        {
            using var archive = ZipFile.OpenRead(path);

            // Vet every name and type first: a bad entry anywhere rejects the archive before anything is read.
            long declared = 0;
            foreach (var entry in archive.Entries)
            {
                _ = CheckName(archiveName, entry.FullName);
                var type = (entry.ExternalAttributes >> 16) & 0xF000; // Unix st_mode type bits, when made on Unix
                if (type is not (0 or 0x8000 or 0x4000))
                {
                    throw new CsafSourceException($"{archiveName}: entry '{entry.FullName}' is a {UnixType(type)}, not a regular file; the archive is rejected");
                }

                declared += entry.Length;
            }

            if (declared > options.MaxArchiveBytes)
            {
                throw new CsafSourceException($"{archiveName}: expands to {declared.ToString("N0", CultureInfo.InvariantCulture)} bytes by its own directory, over the {Limit(options.MaxArchiveBytes)} archive limit; the archive is rejected");
            }

            var budget = new ExpansionBudget(archiveName, options.MaxArchiveBytes);
            foreach (var entry in archive.Entries)
            {
                var name = CheckName(archiveName, entry.FullName);
                if (name.Length == 0 || name.EndsWith('/') || !IsWanted(name))
                {
                    continue;
                }

                using var stream = entry.Open();
                members[name] = ReadMember(name, stream, entry.Length, options, budget);
            }
        }
        catch (InvalidDataException ex)
        {
            throw new CsafSourceException($"{archiveName}: not a readable zip archive ({ex.Message})", ex);
        }

        return members;
    }

    private static Dictionary<string, Member> ReadTar(string path, string archiveName, CsafSourceOptions options, bool gzip)
    {
        var members = new Dictionary<string, Member>(StringComparer.Ordinal);
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 64 * 1024, FileOptions.SequentialScan);
        Stream input = file;
        if (gzip)
        {
            Span<byte> magic = stackalloc byte[2];
            var got = file.ReadAtLeast(magic, 2, throwOnEndOfStream: false);
            if (got < 2 || magic[0] != 0x1F || magic[1] != 0x8B)
            {
                throw new CsafSourceException($"{archiveName}: not gzip data: expected the gzip signature 1F 8B at byte 0, found {Convert.ToHexString(magic[..got])}");
            }

            file.Position = 0;
            input = new GZipStream(file, CompressionMode.Decompress, leaveOpen: true);
        }

        var budget = new ExpansionBudget(archiveName, options.MaxArchiveBytes);
        string? current = null;
        try
        {
            using var reader = new TarReader(input, leaveOpen: true);
            while (reader.GetNextEntry(copyData: false) is { } entry)
            {
                current = entry.Name;
                var name = CheckName(archiveName, entry.Name);
                switch (entry.EntryType)
                {
                    case TarEntryType.Directory or TarEntryType.GlobalExtendedAttributes:
                        continue;
                    case TarEntryType.RegularFile or TarEntryType.V7RegularFile or TarEntryType.ContiguousFile:
                        break;
                    default:
                        throw new CsafSourceException($"{archiveName}: entry '{entry.Name}' is a {entry.EntryType}, not a regular file; the archive is rejected");
                }

                if (name.Length == 0 || !IsWanted(name))
                {
                    // Skipping still inflates the data: count it so that a bomb hidden in an ignored entry is caught.
                    budget.Charge(entry.Length, entry.Name);
                    continue;
                }

                members[name] = entry.DataStream is { } data
                    ? ReadMember(name, data, entry.Length, options, budget)
                    : new Member([], null);
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or EndOfStreamException or FormatException or ArgumentException)
        {
            var where = current is null ? "at the start" : $"after entry '{current}'";
            throw new CsafSourceException(
                $"{archiveName}: {(gzip ? "corrupt gzip or tar data" : "corrupt tar data")} {where}, near compressed byte {file.Position.ToString("N0", CultureInfo.InvariantCulture)} ({ex.Message})", ex);
        }
        finally
        {
            if (!ReferenceEquals(input, file))
            {
                input.Dispose();
            }
        }

        return members;
    }

    private static bool IsWanted(string name) =>
        name.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".json.sha512", StringComparison.OrdinalIgnoreCase)
        || name.EndsWith(".json.asc", StringComparison.OrdinalIgnoreCase);

    private static Member ReadMember(string name, Stream stream, long declaredLength, CsafSourceOptions options, ExpansionBudget budget)
    {
        var isDocument = name.EndsWith(".json", StringComparison.OrdinalIgnoreCase);
        var limit = isDocument ? options.MaxDocumentBytes : MaxSidecarBytes;
        if (declaredLength > limit)
        {
            budget.Charge(0, name);
            return isDocument ? new Member(null, TooLarge(name, declaredLength, limit)) : new Member([], null);
        }

        // The header may lie (zip bombs): read at most the limit whatever it says.
        var content = ReadBounded(stream, Math.Min(limit, budget.Remaining), (int)Math.Max(0, declaredLength));
        if (content is null)
        {
            if (budget.Remaining <= limit)
            {
                budget.Charge(budget.Remaining + 1, name);
            }

            return isDocument
                ? new Member(null, $"{name}: expands beyond the {Limit(limit)} limit although its header says {declaredLength.ToString("N0", CultureInfo.InvariantCulture)} bytes; not read")
                : new Member([], null);
        }

        budget.Charge(content.Length, name);
        return new Member(content, null);
    }

    /// <summary>Reads the whole stream if it holds at most <paramref name="limit"/> bytes; null when it holds more.</summary>
    internal static byte[]? ReadBounded(Stream stream, long limit, int expected)
    {
        var buffer = new MemoryStream(Math.Clamp(expected, 0, (int)Math.Min(limit, int.MaxValue - 1)) + 1);
        var chunk = new byte[81920];
        long total = 0;
        int read;
        while ((read = stream.Read(chunk, 0, (int)Math.Min(chunk.Length, limit + 1 - total))) > 0)
        {
            total += read;
            if (total > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    /// <summary>Returns the entry name with forward slashes, or throws when it could write outside the target.</summary>
    private static string CheckName(string archiveName, string entryName)
    {
        var name = entryName.Replace('\\', '/');
        var absolute = name.StartsWith('/') || (name.Length >= 2 && name[1] == ':');
        var parent = false;
        foreach (var segment in name.Split('/'))
        {
            parent |= segment == "..";
        }

        if (absolute || parent)
        {
            throw new CsafSourceException(
                $"{archiveName}: entry '{entryName}' is a path traversal ({(absolute ? "absolute path" : "'..' segment")}); the archive is rejected and nothing from it is read");
        }

        return name.StartsWith("./", StringComparison.Ordinal) ? name[2..] : name;
    }

    private static string UnixType(int type) => type switch
    {
        0xA000 => "symbolic link",
        0x2000 => "character device",
        0x6000 => "block device",
        0x1000 => "FIFO",
        0xC000 => "socket",
        _ => $"special file (type 0x{type:X4})",
    };

    private static CsafSourceEntry Refuse(string name, string reason) =>
        new(name, [], Sha512Check.NotProvided, SignatureCheck.NotProvided) { Refused = reason };

    private static string TooLarge(string name, long length, long limit) =>
        $"{name}: {length.ToString("N0", CultureInfo.InvariantCulture)} bytes, over the {Limit(limit)} limit; not read";

    private static string Limit(long bytes) => bytes % (1024 * 1024) == 0
        ? $"{bytes / (1024 * 1024)} MiB"
        : $"{bytes.ToString("N0", CultureInfo.InvariantCulture)}-byte";

    /// <summary>Counts the bytes an archive expands to across all its entries.</summary>
    private sealed class ExpansionBudget(string archiveName, long limit)
    {
        private long used;

        public long Remaining => limit - used;

        public void Charge(long bytes, string entryName)
        {
            used += bytes;
            if (used > limit)
            {
                throw new CsafSourceException(
                    $"{archiveName}: expands beyond the {Limit(limit)} archive limit at entry '{entryName}'; the archive is rejected");
            }
        }
    }
}
