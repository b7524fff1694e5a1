namespace Seam.Protocols.Capture;

/// <summary>
/// The problems of one run, capped: a damaged multi-gigabyte file must not turn into millions of strings.
/// Callers ask <see cref="Accepts"/> before formatting a reason, so problems beyond the cap cost a counter.
/// </summary>
internal sealed class ProblemLog(int capacity)
{
    private readonly List<CaptureProblem> problems = [];

    public IReadOnlyList<CaptureProblem> Problems => problems;

    public long NotListed { get; private set; }

    /// <summary>True when the next problem will be listed; otherwise counts it as not listed.</summary>
    public bool Accepts()
    {
        if (problems.Count < capacity)
        {
            return true;
        }

        NotListed++;
        return false;
    }

    public void Add(long byteOffset, long? frameNumber, string reason)
    {
        if (Accepts())
        {
            problems.Add(new CaptureProblem(byteOffset, frameNumber, reason));
        }
    }
}
