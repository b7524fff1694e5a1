using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Seam.Intelligence.Csaf;

public enum Sha512Outcome
{
    /// <summary>No <c>.sha512</c> file beside the document.</summary>
    NotProvided,

    Matched,

    /// <summary>The sidecar's hash differs from the document's, or the sidecar is unreadable: reject the document.</summary>
    Mismatched,
}

/// <summary>The result of checking a document against its <c>.sha512</c> sidecar; hashes are lower-case hex.</summary>
public sealed record Sha512Check(Sha512Outcome Outcome, string Message, string? Expected = null, string? Actual = null)
{
    public static Sha512Check NotProvided { get; } = new(Sha512Outcome.NotProvided, "not provided");

    /// <summary>
    /// Checks <paramref name="document"/> against a sidecar in <c>sha512sum</c> form (<c>&lt;hex&gt;  name.json</c>)
    /// or bare hex. A file name in the sidecar must be the document's own, so a sidecar cannot vouch for another file.
    /// </summary>
    public static Sha512Check Verify(ReadOnlySpan<byte> document, string documentName, ReadOnlySpan<byte> sidecar, string sidecarName)
    {
        var actual = Convert.ToHexStringLower(SHA512.HashData(document));
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(sidecar).Trim();
        }
        catch (DecoderFallbackException)
        {
            return new Sha512Check(Sha512Outcome.Mismatched, $"{sidecarName}: not a text file, expected '<128 hex digits>  {FileName(documentName)}'", null, actual);
        }

        var parts = text.Split((char[]?)null, 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var expected = parts.Length > 0 ? parts[0].ToLowerInvariant() : string.Empty;
        if (expected.Length != 128 || !IsHex(expected))
        {
            return new Sha512Check(Sha512Outcome.Mismatched, $"{sidecarName}: expected 128 hex digits of SHA-512, found '{Clip(expected)}'", null, actual);
        }

        if (parts.Length == 2)
        {
            // sha512sum marks binary mode with a leading '*'.
            var named = parts[1].TrimStart('*');
            if (!string.Equals(FileName(named), FileName(documentName), StringComparison.Ordinal))
            {
                return new Sha512Check(Sha512Outcome.Mismatched, $"{sidecarName}: names '{Clip(named)}', not {FileName(documentName)}", expected, actual);
            }
        }

        return expected == actual
            ? new Sha512Check(Sha512Outcome.Matched, "matched", expected, actual)
            : new Sha512Check(Sha512Outcome.Mismatched, $"{documentName}: SHA-512 mismatch, {sidecarName} expects {expected} but the document hashes to {actual}", expected, actual);
    }

    private static string FileName(string path) => path[(path.LastIndexOfAny(['/', '\\']) + 1)..];

    private static bool IsHex(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    private static string Clip(string text) => text.Length <= 40 ? text : string.Concat(text.AsSpan(0, 37), "...");
}

public enum SignatureOutcome
{
    /// <summary>No <c>.asc</c> file beside the document.</summary>
    NotProvided,

    /// <summary>No trusted keys are configured, so signatures are not checked at all.</summary>
    NotChecked,

    /// <summary>A trusted key made this signature over exactly these bytes.</summary>
    Verified,

    /// <summary>Signed by a key that is not trusted (e.g. a provider whose key was never imported): neither good nor bad.</summary>
    UnknownKey,

    /// <summary>The signature does not verify, or the <c>.asc</c> file is not an OpenPGP signature: reject the document.</summary>
    Invalid,
}

/// <summary>The result of checking a detached OpenPGP signature; <see cref="KeyId"/> is the 16-hex-digit issuer key id.</summary>
public sealed record SignatureCheck(SignatureOutcome Outcome, string Message, string? KeyId = null, string? UserId = null)
{
    public static SignatureCheck NotProvided { get; } = new(SignatureOutcome.NotProvided, "not provided");

    /// <summary>Verifies an ASCII-armored (or binary) detached signature over <paramref name="document"/>.</summary>
    public static SignatureCheck Verify(byte[] document, string documentName, byte[] signature, string signatureName, TrustedKeyRing? trustedKeys)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(signature);
        PgpSignature pgp;
        try
        {
            pgp = TrustedKeyRing.ReadSignature(signature);
        }
        catch (Exception ex) when (ex is PgpException or IOException or InvalidOperationException)
        {
            return trustedKeys is null
                ? new SignatureCheck(SignatureOutcome.NotChecked, $"{signatureName}: not checked (no trusted keys configured)")
                : new SignatureCheck(SignatureOutcome.Invalid, $"{signatureName}: not an OpenPGP signature ({ex.Message})");
        }

        var keyId = pgp.KeyId.ToString("X16", CultureInfo.InvariantCulture);
        if (trustedKeys is null || trustedKeys.Count == 0)
        {
            return new SignatureCheck(SignatureOutcome.NotChecked, $"{signatureName}: signed by key {keyId}; not checked (no trusted keys configured)", keyId);
        }

        if (!trustedKeys.TryFind(pgp.KeyId, out var key, out var userId))
        {
            return new SignatureCheck(SignatureOutcome.UnknownKey, $"{signatureName}: signed by key {keyId}, which is not among the trusted keys", keyId);
        }

        bool valid;
        try
        {
            pgp.InitVerify(key);
            pgp.Update(document);
            valid = pgp.Verify();
        }
        catch (PgpException ex)
        {
            return new SignatureCheck(SignatureOutcome.Invalid, $"{signatureName}: cannot verify with key {keyId} ({ex.Message})", keyId, userId);
        }

        return valid
            ? new SignatureCheck(SignatureOutcome.Verified, $"{documentName}: signature by {userId} (key {keyId}) verified", keyId, userId)
            : new SignatureCheck(SignatureOutcome.Invalid, $"{documentName}: the signature in {signatureName} by {userId} (key {keyId}) does not match the document", keyId, userId);
    }
}

/// <summary>
/// The OpenPGP public keys whose signatures are trusted. Immutable after loading; safe to share between threads
/// (verification creates its own state per signature).
/// </summary>
public sealed class TrustedKeyRing
{
    private readonly List<PgpPublicKeyRing> rings;

    private TrustedKeyRing(List<PgpPublicKeyRing> rings) => this.rings = rings;

    /// <summary>The number of key rings (certificates) loaded.</summary>
    public int Count => rings.Count;

    /// <summary>
    /// Loads an armored or binary public key file, or every <c>.asc</c>, <c>.gpg</c>, <c>.pgp</c>, <c>.pub</c> and
    /// <c>.key</c> file of a folder (not recursive). A file that holds no public key is an error naming the file.
    /// </summary>
    public static TrustedKeyRing Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var rings = new List<PgpPublicKeyRing>();
        if (Directory.Exists(path))
        {
            var files = Directory.GetFiles(path);
            Array.Sort(files, StringComparer.Ordinal);
            foreach (var file in files)
            {
                var extension = Path.GetExtension(file).ToLowerInvariant();
                if (extension is ".asc" or ".gpg" or ".pgp" or ".pub" or ".key")
                {
                    rings.AddRange(ReadKeys(File.ReadAllBytes(file), file));
                }
            }

            if (rings.Count == 0)
            {
                throw new CsafSourceException($"{path}: no OpenPGP public key files (.asc, .gpg, .pgp, .pub, .key) in this folder");
            }
        }
        else if (File.Exists(path))
        {
            rings.AddRange(ReadKeys(File.ReadAllBytes(path), path));
        }
        else
        {
            throw new CsafSourceException($"{path}: no such trusted key file or folder");
        }

        return new TrustedKeyRing(rings);
    }

    /// <summary>Keys from armored or binary bytes; <paramref name="sourceName"/> is used in errors.</summary>
    public static TrustedKeyRing FromBytes(byte[] keys, string sourceName) => new([.. ReadKeys(keys, sourceName)]);

    internal bool TryFind(long keyId, out PgpPublicKey key, out string userId)
    {
        foreach (var ring in rings)
        {
            var found = ring.GetPublicKey(keyId);
            if (found is null)
            {
                continue;
            }

            key = found;
            userId = string.Empty;
            foreach (var id in ring.GetPublicKey().GetUserIds())
            {
                userId = id;
                break;
            }

            if (userId.Length == 0)
            {
                userId = ring.GetPublicKey().KeyId.ToString("X16", CultureInfo.InvariantCulture);
            }

            return true;
        }

        key = null!;
        userId = string.Empty;
        return false;
    }

    internal static PgpSignature ReadSignature(byte[] signature)
    {
        using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(signature, writable: false));
        var factory = new PgpObjectFactory(decoded);
        var next = factory.NextPgpObject();
        if (next is PgpCompressedData compressed)
        {
            next = new PgpObjectFactory(compressed.GetDataStream()).NextPgpObject();
        }

        return next is PgpSignatureList { Count: > 0 } list
            ? list[0]
            : throw new PgpException(next is null ? "no OpenPGP packet found" : $"expected a signature packet, found {next.GetType().Name}");
    }

    private static List<PgpPublicKeyRing> ReadKeys(byte[] bytes, string sourceName)
    {
        try
        {
            using var decoded = PgpUtilities.GetDecoderStream(new MemoryStream(bytes, writable: false));
            var bundle = new PgpPublicKeyRingBundle(decoded);
            var rings = new List<PgpPublicKeyRing>(bundle.GetKeyRings());
            return rings.Count > 0
                ? rings
                : throw new CsafSourceException($"{sourceName}: holds no OpenPGP public key");
        }
        catch (Exception ex) when (ex is PgpException or IOException)
        {
            throw new CsafSourceException($"{sourceName}: not an OpenPGP public key file ({ex.Message})", ex);
        }
    }
}
