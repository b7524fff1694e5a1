using Microsoft.EntityFrameworkCore;
using Seam.Audit;

namespace Seam.Storage.Audit;

/// <summary>Verifies the stored audit log: one query in id order, streamed, one entry alive at a time.</summary>
public static class AuditLogVerifier
{
    /// <param name="anchors">Heads recorded earlier (<c>seam audit anchor</c>) that must still be in the log.</param>
    /// <param name="progress">Entries checked so far, every 100,000 entries.</param>
    public static async Task<AuditVerification> VerifyAsync(
        SeamDbContext db, IEnumerable<AuditAnchor>? anchors = null, IProgress<long>? progress = null, CancellationToken cancellationToken = default)
    {
        var verifier = new AuditChainVerifier(anchors);
        long read = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            if (!verifier.Add(entry, entry.Hash))
            {
                break;
            }

            if (++read % 100_000 == 0)
            {
                progress?.Report(read);
            }
        }

        return verifier.Complete();
    }
}
