namespace Seam.Protocols.Capture;

/// <summary>
/// The bounds that keep memory constant however large or hostile the capture. The defaults suit a plant's
/// mirror port; tests lower them to reach the eviction and overflow paths with small inputs.
/// </summary>
internal sealed record CaptureLimits
{
    public static CaptureLimits Default { get; } = new();

    /// <summary>TCP connections tracked at once; beyond it idle and then least recently seen ones are evicted.</summary>
    public int MaxTcpStreams { get; init; } = 32_768;

    /// <summary>Bytes one direction of a stream may hold while waiting for the rest of a PDU.</summary>
    public int StreamBufferBytes { get; init; } = 64 * 1024;

    /// <summary>Bytes all partial PDUs together may hold.</summary>
    public long TotalBufferBytes { get; init; } = 64L * 1024 * 1024;

    /// <summary>Capture time after which a silent stream is forgotten.</summary>
    public long IdleTimeoutNanos { get; init; } = 300L * 1_000_000_000;

    public int MaxListedProblems { get; init; } = 1000;
}
