using System.Globalization;
using System.Text.Json;

namespace Seam.Audit;

/// <summary>
/// Anchors kept as JSON lines, one head per line, appended over time:
/// <c>{"id":1042,"hash":"…64 hex…","entries":1042,"anchoredAt":"2026-11-23T08:00:00+00:00"}</c>.
/// </summary>
public static class AuditAnchorFile
{
    public static string Line(AuditHead head, DateTimeOffset anchoredAt) => JsonSerializer.Serialize(new AnchorLine
    {
        Id = head.LastId,
        Hash = head.LastHash,
        Entries = head.Entries,
        AnchoredAt = anchoredAt,
    }, AnchorJson.Options);

    /// <summary>Reads every anchor; on the first bad line, returns no anchors and an error naming the line and what was expected.</summary>
    public static (IReadOnlyList<AuditAnchor> Anchors, string? Error) Parse(string text, string source)
    {
        var anchors = new List<AuditAnchor>();
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.Trim();
            if (line.Length == 0)
            {
                continue;
            }

            AnchorLine? parsed;
            try
            {
                parsed = JsonSerializer.Deserialize<AnchorLine>(line, AnchorJson.Options);
            }
            catch (JsonException e)
            {
                return ([], $"{source}:{number}: not a JSON object ({e.Message.Split(". Path", 2)[0]}); expected {{\"id\":…,\"hash\":\"…\",…}} as written by 'seam audit anchor'.");
            }

            if (parsed is not { Id: > 0, Hash: { Length: 64 } hash } || !hash.All(Uri.IsHexDigit))
            {
                return ([], $"{source}:{number}: expected a positive \"id\" and a \"hash\" of 64 hex digits, as written by 'seam audit anchor'.");
            }

            anchors.Add(new AuditAnchor(parsed.Id, hash.ToLower(CultureInfo.InvariantCulture), parsed.AnchoredAt));
        }

        return (anchors, null);
    }

    private sealed class AnchorLine
    {
        public long Id { get; set; }

        public string? Hash { get; set; }

        public long Entries { get; set; }

        public DateTimeOffset? AnchoredAt { get; set; }
    }

    private static class AnchorJson
    {
        public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    }
}
