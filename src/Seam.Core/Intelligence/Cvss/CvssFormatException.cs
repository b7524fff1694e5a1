namespace Seam.Intelligence.Cvss;

/// <summary>
/// A CVSS vector string that does not follow its specification. <see cref="Metric"/> names the offending metric
/// (<c>AV</c>, <c>MSI</c> …) so a caller can point at it; it is null when the problem is the prefix or the shape of
/// the string rather than one metric.
/// </summary>
public sealed class CvssFormatException : FormatException
{
    public CvssFormatException()
    {
    }

    public CvssFormatException(string message)
        : base(message)
    {
    }

    public CvssFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public CvssFormatException(string message, string? metric)
        : base(message)
    {
        Metric = metric;
    }

    /// <summary>The metric abbreviation the problem is about, or null for prefix and shape problems.</summary>
    public string? Metric { get; }
}
