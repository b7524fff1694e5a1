using System.Formats.Tar;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Seam.Intelligence.Csaf;
using Seam.Testing.Corpus;

namespace Seam.Core.Tests.Intelligence.Csaf;

public sealed class CsafSourceTests : IDisposable
{
    private readonly string temp = Directory.CreateTempSubdirectory("seam-csaf-").FullName;

    private static readonly byte[] Advisory = Encoding.UTF8.GetBytes(CsafReaderTests.Minimal);

    public void Dispose() => Directory.Delete(temp, recursive: true);

    private string Write(string relative, byte[] content)
    {
        var path = Path.Combine(temp, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static byte[] Sha512Sidecar(byte[] content, string name) =>
        Encoding.ASCII.GetBytes($"{Convert.ToHexStringLower(SHA512.HashData(content))}  {name}\n");

    [Fact]
    public void A_single_file_with_a_matching_sha512_is_read_with_the_hash_confirmed()
    {
        var path = Write("ex.json", Advisory);
        Write("ex.json.sha512", Sha512Sidecar(Advisory, "ex.json"));

        var entry = Assert.Single(CsafSource.Open(path));

        Assert.Equal("ex.json", entry.Name);
        Assert.Equal(Advisory, entry.Content);
        Assert.Equal(Sha512Outcome.Matched, entry.Sha512.Outcome);
        Assert.Equal(SignatureOutcome.NotProvided, entry.Signature.Outcome);
        Assert.Null(entry.RejectionReason);
    }

    [Fact]
    public void A_sha512_mismatch_rejects_the_entry_and_names_both_hashes()
    {
        var path = Write("ex.json", Advisory);
        Write("ex.json.sha512", Sha512Sidecar(Encoding.UTF8.GetBytes("something else"), "ex.json"));

        var entry = Assert.Single(CsafSource.Open(path));

        Assert.Equal(Sha512Outcome.Mismatched, entry.Sha512.Outcome);
        var actual = Convert.ToHexStringLower(SHA512.HashData(Advisory));
        Assert.Equal(actual, entry.Sha512.Actual);
        Assert.Equal(Convert.ToHexStringLower(SHA512.HashData("something else"u8)), entry.Sha512.Expected);
        Assert.Contains(actual, entry.Sha512.Message, StringComparison.Ordinal);
        Assert.Contains(entry.Sha512.Expected!, entry.Sha512.Message, StringComparison.Ordinal);
        Assert.StartsWith("ex.json: SHA-512 mismatch", entry.RejectionReason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bare", "{0}")]
    [InlineData("binary marker", "{0} *ex.json")]
    [InlineData("upper case", "{1}  ex.json")]
    public void The_sha512_sidecar_may_be_bare_hex_or_in_sha512sum_form(string because, string format)
    {
        var hex = Convert.ToHexStringLower(SHA512.HashData(Advisory));
        var path = Write("ex.json", Advisory);
        Write("ex.json.sha512", Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, hex, hex.ToUpperInvariant())));

        Assert.True(Sha512Outcome.Matched == Assert.Single(CsafSource.Open(path)).Sha512.Outcome, because);
    }

    [Theory]
    [InlineData("not hex at all", "expected 128 hex digits")]
    [InlineData("{0}  other.json", "names 'other.json', not ex.json")]
    public void A_malformed_sidecar_or_one_naming_another_file_fails(string format, string message)
    {
        var hex = Convert.ToHexStringLower(SHA512.HashData(Advisory));
        var path = Write("ex.json", Advisory);
        Write("ex.json.sha512", Encoding.ASCII.GetBytes(string.Format(System.Globalization.CultureInfo.InvariantCulture, format, hex)));

        var entry = Assert.Single(CsafSource.Open(path));
        Assert.Equal(Sha512Outcome.Mismatched, entry.Sha512.Outcome);
        Assert.Contains(message, entry.Sha512.Message, StringComparison.Ordinal);
        Assert.StartsWith("ex.json.sha512: ", entry.Sha512.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_huge_file_is_refused_by_its_size_before_it_is_read()
    {
        var path = Path.Combine(temp, "huge.json");
        using (var sparse = new FileStream(path, FileMode.CreateNew))
        {
            sparse.SetLength(1L << 30); // sparse: no gigabyte is written
        }

        // A read would be cut off at the limit with a different message ("grew beyond"); this one comes from the size alone.
        var entry = Assert.Single(CsafSource.Open(path));

        Assert.Equal("huge.json: 1,073,741,824 bytes, over the 64 MiB limit; not read", entry.Refused);
        Assert.Empty(entry.Content);
        Assert.Equal(entry.Refused, entry.RejectionReason);
    }

    [Fact]
    public void The_document_size_limit_is_configurable()
    {
        var path = Write("ex.json", Advisory);
        var entry = Assert.Single(CsafSource.Open(path, new CsafSourceOptions { MaxDocumentBytes = 100 }));
        Assert.Equal($"ex.json: {Advisory.Length:N0} bytes, over the 100-byte limit; not read", entry.Refused);
    }

    [Fact]
    public void A_folder_is_walked_recursively_and_other_files_are_ignored()
    {
        Write("2023/a.json", Advisory);
        Write("2023/a.json.sha512", Sha512Sidecar(Advisory, "a.json"));
        Write("2024/sub/b.json", Advisory);
        Write("index.txt", "2023/a.json\n"u8.ToArray());
        Write("changes.csv", "x"u8.ToArray());

        var entries = CsafSource.Open(temp).ToList();

        Assert.Equal(["2023/a.json", "2024/sub/b.json"], entries.Select(e => e.Name));
        Assert.Equal(Sha512Outcome.Matched, entries[0].Sha512.Outcome);
        Assert.Equal(Sha512Outcome.NotProvided, entries[1].Sha512.Outcome);
    }

    [Fact]
    public void A_missing_path_or_an_unknown_extension_is_an_error_naming_it()
    {
        var missing = Path.Combine(temp, "nope.json");
        Assert.Equal($"{missing}: no such file or folder", Assert.Throws<CsafSourceException>(() => CsafSource.Open(missing)).Message);
        var text = Write("notes.txt", "x"u8.ToArray());
        Assert.StartsWith($"{text}: expected a .json file", Assert.Throws<CsafSourceException>(() => CsafSource.Open(text)).Message, StringComparison.Ordinal);
    }

    // ---- archives -----------------------------------------------------------------------------------------------

    private string Zip(string name, params (string Name, byte[] Content)[] entries)
    {
        var path = Path.Combine(temp, name);
        using var archive = ZipFile.Open(path, ZipArchiveMode.Create);
        foreach (var (entryName, content) in entries)
        {
            using var stream = archive.CreateEntry(entryName).Open();
            stream.Write(content);
        }

        return path;
    }

    private string Tar(string name, bool gzip, params TarEntry[] entries)
    {
        var path = Path.Combine(temp, name);
        using var file = File.Create(path);
        using Stream output = gzip ? new GZipStream(file, CompressionLevel.Fastest) : file;
        using var writer = new TarWriter(output, TarEntryFormat.Pax);
        foreach (var entry in entries)
        {
            writer.WriteEntry(entry);
        }

        return path;
    }

    private static PaxTarEntry TarFile(string name, byte[] content) =>
        new(TarEntryType.RegularFile, name) { DataStream = new MemoryStream(content) };

    [Fact]
    public void A_zip_yields_its_documents_paired_with_their_sidecars()
    {
        var path = Zip("feed.zip",
            ("2024/a.json", Advisory),
            ("2024/a.json.sha512", Sha512Sidecar(Advisory, "a.json")),
            ("2024/b.json", Advisory),
            ("2024/b.json.sha512", Sha512Sidecar("tampered"u8.ToArray(), "b.json")),
            ("README.md", "x"u8.ToArray()));

        var entries = CsafSource.Open(path).ToList();

        Assert.Equal(["2024/a.json", "2024/b.json"], entries.Select(e => e.Name));
        Assert.Equal([Sha512Outcome.Matched, Sha512Outcome.Mismatched], entries.Select(e => e.Sha512.Outcome));
        Assert.Equal(Advisory, entries[0].Content);
    }

    [Theory]
    [InlineData("feed.tar", false)]
    [InlineData("feed.tar.gz", true)]
    [InlineData("feed.tgz", true)]
    public void A_tar_with_or_without_gzip_yields_its_documents(string name, bool gzip)
    {
        var path = Tar(name, gzip,
            new PaxTarEntry(TarEntryType.Directory, "2024/"),
            TarFile("2024/a.json", Advisory),
            TarFile("2024/a.json.sha512", Sha512Sidecar(Advisory, "a.json")),
            TarFile("2024/notes.txt", "x"u8.ToArray()));

        var entry = Assert.Single(CsafSource.Open(path));

        Assert.Equal("2024/a.json", entry.Name);
        Assert.Equal(Sha512Outcome.Matched, entry.Sha512.Outcome);
        Assert.Equal(Advisory, entry.Content);
    }

    [Theory]
    [InlineData("../evil.json", "'..' segment")]
    [InlineData("good/../../evil.json", "'..' segment")]
    [InlineData("/etc/evil.json", "absolute path")]
    [InlineData("C:/evil.json", "absolute path")]
    public void A_zip_with_a_traversing_entry_is_rejected_whole(string evil, string why)
    {
        var path = Zip("evil.zip", ("good.json", Advisory), (evil, Advisory));

        var ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(path).ToList());

        Assert.Equal($"evil.zip: entry '{evil}' is a path traversal ({why}); the archive is rejected and nothing from it is read", ex.Message);
    }

    [Theory]
    [InlineData("evil.tar", false)]
    [InlineData("evil.tar.gz", true)]
    public void A_tar_with_a_traversing_entry_yields_nothing(string name, bool gzip)
    {
        var path = Tar(name, gzip, TarFile("good.json", Advisory), TarFile("../evil.json", Advisory));
        var yielded = new List<CsafSourceEntry>();

        var ex = Assert.Throws<CsafSourceException>(() =>
        {
            foreach (var entry in CsafSource.Open(path))
            {
                yielded.Add(entry);
            }
        });

        Assert.Empty(yielded);
        Assert.Contains($"{name}: entry '../evil.json' is a path traversal", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(TarEntryType.SymbolicLink)]
    [InlineData(TarEntryType.HardLink)]
    [InlineData(TarEntryType.CharacterDevice)]
    [InlineData(TarEntryType.Fifo)]
    public void A_tar_with_a_link_or_device_is_rejected_naming_the_entry(TarEntryType type)
    {
        var special = new PaxTarEntry(type, "feed/x.json");
        if (type is TarEntryType.SymbolicLink or TarEntryType.HardLink)
        {
            special.LinkName = "/etc/passwd";
        }

        var path = Tar("links.tar", false, TarFile("good.json", Advisory), special);

        var ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(path).ToList());
        Assert.Equal($"links.tar: entry 'feed/x.json' is a {type}, not a regular file; the archive is rejected", ex.Message);
    }

    [Fact]
    public void A_zip_with_a_symbolic_link_entry_is_rejected()
    {
        var path = Path.Combine(temp, "link.zip");
        using (var archive = ZipFile.Open(path, ZipArchiveMode.Create))
        {
            var link = archive.CreateEntry("x.json");
            link.ExternalAttributes = unchecked((int)(0xA1FFu << 16)); // S_IFLNK | 0777, as zip -y stores it
            using var stream = link.Open();
            stream.Write("/etc/passwd"u8);
        }

        var ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(path).ToList());
        Assert.Equal("link.zip: entry 'x.json' is a symbolic link, not a regular file; the archive is rejected", ex.Message);
    }

    [Fact]
    public void Gzip_garbage_is_reported_with_the_file_and_where()
    {
        var notGzip = Write("garbage.tar.gz", "PK\u0003\u0004 this is not gzip"u8.ToArray());
        var ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(notGzip).ToList());
        Assert.Equal("garbage.tar.gz: not gzip data: expected the gzip signature 1F 8B at byte 0, found 504B", ex.Message);

        // A real gzip header followed by bytes that are not deflate data.
        var corrupt = Write("corrupt.tgz", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0x00, 0x03, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x00, 0x11]);
        ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(corrupt).ToList());
        Assert.StartsWith("corrupt.tgz: corrupt gzip or tar data at the start, near compressed byte ", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_tar_gz_is_reported_naming_the_file()
    {
        var good = Tar("whole.tar.gz", true, TarFile("a.json", Advisory), TarFile("b.json", Advisory));
        var bytes = File.ReadAllBytes(good);
        var cut = Write("cut.tar.gz", bytes[..(bytes.Length / 2)]);

        var ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(cut).ToList());
        Assert.StartsWith("cut.tar.gz: corrupt gzip or tar data", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_zip_that_is_not_a_zip_is_reported_naming_the_file()
    {
        var path = Write("broken.zip", "not a zip file at all"u8.ToArray());
        var ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(path).ToList());
        Assert.StartsWith("broken.zip: not a readable zip archive", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_archive_entry_over_the_document_limit_is_refused_by_its_header()
    {
        var big = new byte[2 * 1024 * 1024]; // compresses to almost nothing, like a bomb
        var path = Zip("big.zip", ("big.json", big), ("ok.json", Advisory));

        var entries = CsafSource.Open(path, new CsafSourceOptions { MaxDocumentBytes = 1024 * 1024 }).ToList();

        Assert.Equal("big.json: 2,097,152 bytes, over the 1 MiB limit; not read", entries[0].Refused);
        Assert.Null(entries[1].Refused);
    }

    [Fact]
    public void A_zip_whose_header_understates_the_size_is_cut_off_at_the_limit()
    {
        var big = new byte[3 * 1024 * 1024];
        var path = Zip("liar.zip", ("liar.json", big));
        LieAboutUncompressedSize(path, 100);

        var entry = Assert.Single(CsafSource.Open(path, new CsafSourceOptions { MaxDocumentBytes = 1024 * 1024 }));

        // .NET's zip reader already stops at the declared size; either way no more than the limit is ever held.
        Assert.True(entry.Content.Length <= 1024 * 1024, $"{entry.Content.Length} bytes held");
        Assert.Equal(100, entry.Content.Length);
    }

    [Fact]
    public void Reading_stops_at_the_limit_whatever_the_stream_claims()
    {
        Assert.Null(CsafSource.ReadBounded(new MemoryStream(new byte[1001]), limit: 1000, expected: 10));
        Assert.Equal(1000, CsafSource.ReadBounded(new MemoryStream(new byte[1000]), limit: 1000, expected: 10)!.Length);
    }

    [Theory]
    [InlineData("zip")]
    [InlineData("tar.gz")]
    public void An_archive_expanding_beyond_the_total_limit_is_rejected(string kind)
    {
        var chunk = new byte[600 * 1024];
        var path = kind == "zip"
            ? Zip("bomb.zip", ("a.json", chunk), ("b.json", chunk))
            : Tar("bomb.tar.gz", true, TarFile("a.json", chunk), TarFile("b.json", chunk));

        var ex = Assert.Throws<CsafSourceException>(() => CsafSource.Open(path, new CsafSourceOptions { MaxArchiveBytes = 1024 * 1024 }).ToList());
        Assert.Contains($"bomb.{kind}: expands", ex.Message, StringComparison.Ordinal);
        Assert.Contains("1 MiB archive limit", ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Rewrites the uncompressed-size fields of a one-entry zip (local header and central directory).</summary>
    private static void LieAboutUncompressedSize(string path, uint size)
    {
        var bytes = File.ReadAllBytes(path);
        // Local file header: signature 50 4B 03 04 at 0, uncompressed size at offset 22.
        BitConverter.TryWriteBytes(bytes.AsSpan(22, 4), size);
        // Central directory header: signature 50 4B 01 02, uncompressed size at offset 24.
        var central = bytes.AsSpan().IndexOf("PK\u0001\u0002"u8);
        BitConverter.TryWriteBytes(bytes.AsSpan(central + 24, 4), size);
        File.WriteAllBytes(path, bytes);
    }

    // ---- signatures ---------------------------------------------------------------------------------------------

    private CsafSourceOptions Trusting()
    {
        var keyFile = Write("keys/signer.asc", TestSigner.Shared.ArmoredPublicKey());
        return new CsafSourceOptions { TrustedKeys = TrustedKeyRing.Load(Path.GetDirectoryName(keyFile)!) };
    }

    [Fact]
    public void A_signature_by_a_trusted_key_is_verified_with_its_key_and_user_id()
    {
        var options = Trusting();
        var path = Write("signed/ex.json", Advisory);
        Write("signed/ex.json.asc", TestSigner.Shared.Sign(Advisory));

        var entry = Assert.Single(CsafSource.Open(path, options));

        Assert.Equal(SignatureOutcome.Verified, entry.Signature.Outcome);
        Assert.Equal(TestSigner.Shared.KeyId, entry.Signature.KeyId);
        Assert.Equal(TestSigner.Shared.UserId, entry.Signature.UserId);
        Assert.Null(entry.RejectionReason);
    }

    [Fact]
    public void A_canonical_text_signature_is_verified_too()
    {
        var options = Trusting();
        var path = Write("signed/ex.json", Advisory);
        Write("signed/ex.json.asc", TestSigner.Shared.Sign(Advisory, Org.BouncyCastle.Bcpg.OpenPgp.PgpSignature.CanonicalTextDocument));

        Assert.Equal(SignatureOutcome.Verified, Assert.Single(CsafSource.Open(path, options)).Signature.Outcome);
    }

    [Fact]
    public void A_tampered_document_fails_its_signature_and_is_rejected()
    {
        var options = Trusting();
        var signature = TestSigner.Shared.Sign(Advisory);
        var tampered = Encoding.UTF8.GetBytes(CsafReaderTests.Minimal.Replace("CVE-2024-12345", "CVE-2024-99999", StringComparison.Ordinal));
        var path = Write("signed/ex.json", tampered);
        Write("signed/ex.json.asc", signature);

        var entry = Assert.Single(CsafSource.Open(path, options));

        Assert.Equal(SignatureOutcome.Invalid, entry.Signature.Outcome);
        Assert.Equal($"ex.json: the signature in ex.json.asc by {TestSigner.Shared.UserId} (key {TestSigner.Shared.KeyId}) does not match the document", entry.RejectionReason);
    }

    [Fact]
    public void A_signature_file_that_is_not_OpenPGP_is_invalid_when_keys_are_configured()
    {
        var options = Trusting();
        var path = Write("signed/ex.json", Advisory);
        Write("signed/ex.json.asc", "-----BEGIN PGP SIGNATURE-----\n\nbm90IGEgc2lnbmF0dXJl\n-----END PGP SIGNATURE-----\n"u8.ToArray());

        var entry = Assert.Single(CsafSource.Open(path, options));
        Assert.Equal(SignatureOutcome.Invalid, entry.Signature.Outcome);
        Assert.StartsWith("ex.json.asc: not an OpenPGP signature", entry.Signature.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_signed_archive_entry_is_verified_against_its_sidecar_in_the_archive()
    {
        var options = Trusting();
        var path = Zip("signed.zip", ("a.json", Advisory), ("a.json.asc", TestSigner.Shared.Sign(Advisory)));
        Assert.Equal(SignatureOutcome.Verified, Assert.Single(CsafSource.Open(path, options)).Signature.Outcome);
    }

    [Fact]
    public void The_CISA_corpus_passes_its_hashes_and_its_signatures_are_unknown_not_invalid()
    {
        var root = SharedCorpus.Path("csaf", "cisagov-CSAF", "csaf_files");

        var trusted = CsafSource.Open(root, Trusting()).ToList();
        var untrusted = CsafSource.Open(root).ToList();

        Assert.Equal(300, trusted.Count);
        Assert.All(trusted, e => Assert.Equal(Sha512Outcome.Matched, e.Sha512.Outcome));
        Assert.All(trusted, e => Assert.Equal(SignatureOutcome.UnknownKey, e.Signature.Outcome));
        Assert.All(trusted, e => Assert.Contains("is not among the trusted keys", e.Signature.Message, StringComparison.Ordinal));
        Assert.All(untrusted, e => Assert.Equal(SignatureOutcome.NotChecked, e.Signature.Outcome));
        Assert.All(untrusted, e => Assert.Matches("^[0-9A-F]{16}$", e.Signature.KeyId!));
    }

    [Fact]
    public void A_key_file_that_is_not_a_key_is_an_error_naming_it()
    {
        var bad = Write("keys/bad.asc", "hello"u8.ToArray());
        var ex = Assert.Throws<CsafSourceException>(() => TrustedKeyRing.Load(bad));
        Assert.StartsWith($"{bad}: ", ex.Message, StringComparison.Ordinal);
    }
}
