using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Seam.Governance.Notifications;

/// <summary>Why a webhook signature was or was not accepted.</summary>
public enum WebhookVerification
{
    Valid,

    /// <summary>The header is missing or not of the form <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>.</summary>
    Malformed,

    /// <summary>The signature's time is further from now than the tolerance: a replay or a badly set clock.</summary>
    OutsideTolerance,

    /// <summary>No v1 signature matches the body: a different secret, or a body changed on the way.</summary>
    Mismatch,
}

/// <summary>
/// Signs webhook bodies the way Seam sends them, and checks them on the receiving side. The header
/// <c>X-Seam-Signature: t=1700000000,v1=5f0c…</c> carries the Unix time of sending and the lowercase hex
/// HMAC-SHA256 of <c>"&lt;t&gt;.&lt;body&gt;"</c> keyed with the subscription's secret (UTF-8). Signing the time with
/// the body lets a receiver refuse old deliveries replayed by someone who captured one. Thread-safe (stateless).
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "X-Seam-Signature";

    /// <summary>The notification's stable id (<c>ntf-42</c>); the same on every retry, so receivers can drop duplicates.</summary>
    public const string EventIdHeaderName = "X-Seam-Event-Id";

    public const string EventKindHeaderName = "X-Seam-Event-Kind";

    /// <summary>How far the signed time may be from the receiver's clock by default.</summary>
    public static readonly TimeSpan DefaultTolerance = TimeSpan.FromMinutes(5);

    public static string Sign(string secret, DateTimeOffset at, ReadOnlySpan<byte> body)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t.ToString(CultureInfo.InvariantCulture)},v1={Convert.ToHexStringLower(Mac(secret, t, body))}";
    }

    /// <summary>Checks <paramref name="header"/> against the raw request body exactly as received (before any JSON parsing).</summary>
    public static WebhookVerification Verify(string secret, string? header, ReadOnlySpan<byte> body, DateTimeOffset now, TimeSpan? tolerance = null)
    {
        if (string.IsNullOrWhiteSpace(header))
        {
            return WebhookVerification.Malformed;
        }

        long? timestamp = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0)
            {
                return WebhookVerification.Malformed;
            }

            var (key, value) = (part[..equals], part[(equals + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var t))
            {
                timestamp = t;
            }
            else if (key == "v1" && value.Length == 64 && TryHex(value, out var mac))
            {
                signatures.Add(mac);
            }
            else if (key is "t" or "v1")
            {
                return WebhookVerification.Malformed;
            }

            // Other keys (a future v2) are ignored, so that Seam can add a scheme without breaking receivers.
        }

        if (timestamp is not { } signedAt || signatures.Count == 0)
        {
            return WebhookVerification.Malformed;
        }

        if (Math.Abs(now.ToUnixTimeSeconds() - signedAt) > (tolerance ?? DefaultTolerance).TotalSeconds)
        {
            return WebhookVerification.OutsideTolerance;
        }

        var expected = Mac(secret, signedAt, body);
        foreach (var candidate in signatures)
        {
            if (CryptographicOperations.FixedTimeEquals(expected, candidate))
            {
                return WebhookVerification.Valid;
            }
        }

        return WebhookVerification.Mismatch;
    }

    private static byte[] Mac(string secret, long unixSeconds, ReadOnlySpan<byte> body)
    {
        var prefix = Encoding.UTF8.GetBytes(unixSeconds.ToString(CultureInfo.InvariantCulture) + ".");
        var message = new byte[prefix.Length + body.Length];
        prefix.CopyTo(message, 0);
        body.CopyTo(message.AsSpan(prefix.Length));
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    private static bool TryHex(string hex, out byte[] bytes)
    {
        try
        {
            bytes = Convert.FromHexString(hex);
            return true;
        }
        catch (FormatException)
        {
            bytes = [];
            return false;
        }
    }
}
