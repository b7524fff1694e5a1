using Seam.Intelligence.Csaf;

namespace Seam.Storage.Intelligence;

/// <summary>How documents are taken from files: size limits, trusted signing keys, and whether a signature is required.</summary>
public sealed record AdvisorySourceOptions(CsafSourceOptions Csaf, bool RequireSignature = false)
{
    public AdvisorySourceOptions()
        : this(new CsafSourceOptions())
    {
    }

    /// <param name="trustedKeysPath">An armored public key file or a folder of them; null for none.</param>
    public static AdvisorySourceOptions Create(string? trustedKeysPath, bool requireSignature)
    {
        var keys = trustedKeysPath is null ? null : TrustedKeyRing.Load(trustedKeysPath);
        if (requireSignature && keys is null)
        {
            throw new InvalidDataException("--require-signature needs --trusted-keys: without trusted keys no signature can be verified.");
        }

        return new AdvisorySourceOptions(new CsafSourceOptions { TrustedKeys = keys }, requireSignature);
    }
}

/// <summary>
/// Turns files, folders and archives into <see cref="AdvisoryInput"/>s for the importer. A source that cannot be read at
/// all (a hostile archive, gzip garbage, a file over the size limit) becomes one rejected input naming it, so the
/// import goes on with the next source and the summary lists it.
/// </summary>
public static class AdvisorySources
{
    public static IEnumerable<AdvisoryInput> Read(IEnumerable<string> paths, AdvisorySourceOptions options)
    {
        foreach (var path in paths)
        {
            using var entries = CsafSource.Open(path, options.Csaf).GetEnumerator();
            while (true)
            {
                AdvisoryInput? input;
                try
                {
                    if (!entries.MoveNext())
                    {
                        break;
                    }

                    input = ToInput(entries.Current, options);
                }
                catch (CsafSourceException e)
                {
                    input = new AdvisoryInput(path, [], "not checked", "not checked", e.Message);
                }

                yield return input;
                if (input.Content.Length == 0 && input.Rejection is not null && input.Name == path)
                {
                    // The source itself failed; its remaining entries (if any) cannot be trusted.
                    break;
                }
            }
        }
    }

    private static AdvisoryInput ToInput(CsafSourceEntry entry, AdvisorySourceOptions options)
    {
        var rejection = entry.RejectionReason;
        if (rejection is null && options.RequireSignature && entry.Signature.Outcome != SignatureOutcome.Verified)
        {
            rejection = $"{entry.Name}: a signature by a trusted key is required; signature check: {entry.Signature.Message}";
        }

        return new AdvisoryInput(entry.Name, entry.Content, entry.Sha512.Message, entry.Signature.Message, rejection);
    }
}
