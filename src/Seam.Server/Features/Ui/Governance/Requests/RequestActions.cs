using System.Security.Claims;
using Seam.Access;
using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Server.Features.Auth;
using Seam.Server.Features.Governance;
using Seam.Storage.Governance;

namespace Seam.Server.Features.Ui.Governance.Requests;

/// <summary>
/// What the signed-in person may do with one request, so the detail page offers only those buttons. The service and
/// <see cref="DecisionRequest"/> check every command again; this only keeps people from being offered what they would
/// be refused (no approve button on one's own request, no ruling for someone outside the seam-owner team).
/// </summary>
/// <param name="ViewTeams">Teams the request waits for that the person can speak for (as member or delegate).</param>
public sealed record RequestActions(
    IReadOnlyList<string> ViewTeams,
    bool Rule,
    bool Submit,
    bool Withdraw,
    bool Schedule,
    bool Implement,
    bool Verify,
    bool Close,
    bool Comment)
{
    public bool Any => ViewTeams.Count > 0 || Rule || Submit || Withdraw || Schedule || Implement || Verify || Close;

    /// <param name="delegatedBy">Members who delegated to this person and whose delegation runs now.</param>
    public static RequestActions For(StoredRequest stored, DecisionRightsPolicy? policy, ClaimsPrincipal user, IReadOnlyCollection<string> delegatedBy)
    {
        var r = stored.Request;
        var me = user.ActorName();
        var own = r.RequestedBy == me;
        var next = stored.Next;
        // The same roles as the API's (GovernanceEndpoints.ActAsync): deciders see the site, requesters are engineers
        // there or the vendor who asked, lifecycle steps need an engineer of the site.
        var engineer = user.HasRole(Role.Engineer, r.SiteId);
        var decider = user.CanSee(r.SiteId);
        var asker = engineer || user.IsVendorOn(r.SiteId);
        var viewTeams = own || !decider || policy is null || r.State != RequestState.InReview
            ? []
            : r.WaitingFor().Where(t => r.AsksViewFrom(t) && policy.Team(t) is { } team && (team.Members.Contains(me) || team.Members.Any(delegatedBy.Contains))).ToList();
        return new RequestActions(
            viewTeams,
            Rule: decider && policy is not null && r.MayRule(me, policy),
            Submit: own && asker && r.State == RequestState.Draft,
            Withdraw: own && asker && next.Contains(RequestState.Withdrawn),
            Schedule: engineer && next.Contains(RequestState.Scheduled),
            Implement: engineer && next.Contains(RequestState.Implemented),
            Verify: engineer && next.Contains(RequestState.Verified) && !ImplementedBy(r, me),
            Close: engineer && next.Contains(RequestState.Closed),
            Comment: r.State != RequestState.Closed);
    }

    /// <summary>True when the timeline says <paramref name="me"/> marked the work implemented: they do not verify it.</summary>
    private static bool ImplementedBy(DecisionRequest r, string me) =>
        r.Timeline.LastOrDefault(e => e.Kind == RequestEventKind.StateChanged && e.Text.StartsWith("→ " + nameof(RequestState.Implemented), StringComparison.Ordinal))?.Actor == me;
}
