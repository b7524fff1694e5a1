using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Seam.Audit;

namespace Seam.Storage.Audit;

/// <summary>
/// The audit log as JSON lines for a SIEM: one object per entry, in id order, with every hashed field as stored plus
/// <c>previousHash</c> and <c>hash</c>, so that a receiver can recompute the chain itself (docs/audit.md). The export
/// copies what is stored; it does not verify.
/// </summary>
public static class AuditExport
{
    public const string MediaType = "application/x-ndjson";

    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    /// <summary>Writes every entry with an id greater than <paramref name="afterId"/>; returns how many.</summary>
    public static async Task<long> WriteJsonLinesAsync(SeamDbContext db, Stream output, long afterId = 0, CancellationToken cancellationToken = default)
    {
        string? previous = await db.AuditEntries.AsNoTracking().Where(a => a.Id <= afterId).OrderByDescending(a => a.Id)
            .Select(a => new { a.Hash }).FirstOrDefaultAsync(cancellationToken) is { } before ? before.Hash : AuditChain.Genesis;
        var buffer = new ArrayBufferWriter<byte>(4096);
        await using var json = new Utf8JsonWriter(buffer, Options);
        long count = 0;
        await foreach (var entry in db.AuditEntries.AsNoTracking().Where(a => a.Id > afterId).OrderBy(a => a.Id).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            Write(json, entry, previous);
            await json.FlushAsync(cancellationToken);
            buffer.Write(NewLine);
            if (buffer.WrittenCount >= 64 * 1024)
            {
                await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
                buffer.ResetWrittenCount();
            }

            json.Reset(buffer);
            previous = entry.Hash;
            count++;
        }

        await output.WriteAsync(buffer.WrittenMemory, cancellationToken);
        await output.FlushAsync(cancellationToken);
        return count;
    }

    private static void Write(Utf8JsonWriter json, AuditEntry entry, string? previousHash)
    {
        json.WriteStartObject();
        json.WriteNumber("id", entry.Id);
        json.WriteString("at", entry.At.ToUniversalTime());

        // The hash covers the time in UTC ticks (100 ns); ISO text with seven decimals is not read exactly everywhere.
        json.WriteNumber("atUtcTicks", entry.At.UtcTicks);
        json.WriteString("actor", entry.Actor);
        json.WriteString("action", entry.Action);
        json.WriteString("entityType", entry.EntityType);
        json.WriteString("entityId", entry.EntityId);
        json.WriteString("siteId", entry.SiteId);
        json.WriteString("before", entry.Before);
        json.WriteString("after", entry.After);
        json.WriteString("summary", entry.Summary);
        json.WriteString("previousHash", previousHash);
        json.WriteString("hash", entry.Hash);
        json.WriteEndObject();
    }
}
