namespace Seam.Governance.Requests;

public enum RequestState
{
    Draft,
    Submitted,
    InReview,

    /// <summary>IT and OT gave opposite verdicts; the seam owner decides.</summary>
    Disagreement,
    Approved,
    Rejected,
    Withdrawn,
    Scheduled,
    Implemented,
    Verified,
    Closed,
}

/// <summary>The legal moves between states; everything else is refused with the moves that are possible.</summary>
public static class RequestTransitions
{
    private static readonly Dictionary<RequestState, RequestState[]> Legal = new()
    {
        [RequestState.Draft] = [RequestState.Submitted, RequestState.Withdrawn],
        [RequestState.Submitted] = [RequestState.InReview, RequestState.Approved, RequestState.Withdrawn],
        [RequestState.InReview] = [RequestState.Approved, RequestState.Rejected, RequestState.Disagreement, RequestState.Withdrawn],
        [RequestState.Disagreement] = [RequestState.Approved, RequestState.Rejected, RequestState.Withdrawn],
        [RequestState.Approved] = [RequestState.Scheduled, RequestState.Implemented, RequestState.Withdrawn],
        [RequestState.Scheduled] = [RequestState.Implemented, RequestState.Withdrawn],
        [RequestState.Implemented] = [RequestState.Verified],
        [RequestState.Verified] = [RequestState.Closed],
        [RequestState.Rejected] = [RequestState.Closed],
        [RequestState.Withdrawn] = [RequestState.Closed],
        [RequestState.Closed] = [],
    };

    public static IReadOnlyList<RequestState> From(RequestState state) => Legal[state];

    public static bool IsLegal(RequestState from, RequestState to) => Legal[from].Contains(to);

    /// <summary>States in which a decision is awaited, so the deadline runs.</summary>
    public static bool AwaitsDecision(this RequestState state) => state is RequestState.InReview or RequestState.Disagreement;
}

/// <summary>Why a command on a request was refused, in words the person who tried can act on.</summary>
public sealed record RequestError(string Code, string Message)
{
    public override string ToString() => Message;
}
