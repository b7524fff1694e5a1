namespace Seam.Intelligence.Feeds;

/// <summary>
/// A feed file that cannot be read as what it claims to be. The message reads like a compiler's:
/// <c>kev.json:/vulnerabilities/17/dateAdded: '2025-13-01' is not a date (expected YYYY-MM-DD)</c>.
/// </summary>
/// <remarks>
/// Feeds are imported by hand on an air-gapped plant network, so a bad file is a person's problem to fix: the message
/// says which file, where in it and what would have been accepted. One exception type for all readers lets the import
/// screen show any of them the same way.
/// </remarks>
public sealed class FeedFormatException : Exception
{
    public FeedFormatException(string sourceName, string location, string problem, Exception? innerException = null)
        : base($"{sourceName}:{location}: {problem}", innerException)
    {
        SourceName = sourceName;
        Location = location;
        Problem = problem;
    }

    /// <summary>The file name (or other label) the caller gave the reader.</summary>
    public string SourceName { get; }

    /// <summary>
    /// Where: a 1-based line (<c>12</c>) for CSV, a JSON pointer (<c>/vulnerabilities/17/dateAdded</c>) for JSON
    /// content, <c>line:byte</c> for JSON that is not well-formed, or a byte offset (<c>byte 3</c>) in compressed data.
    /// </summary>
    public string Location { get; }

    /// <summary>What was wrong and, in parentheses, what was expected.</summary>
    public string Problem { get; }
}
