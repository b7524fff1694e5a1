using Seam.Governance.Policy;
using Seam.Governance.Requests;
using Seam.Inventory;

namespace Seam.Core.Tests.Governance;

public sealed class DecisionRequestTests
{
    private static readonly DecisionRightsPolicy Policy = Policies.Parse();
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static RoutingDecision Routed(Route route, double downtime = 10)
    {
        var footprint = route switch
        {
            Route.FastLane => new RequestFootprint { SiteId = "plant", PurdueLevels = [PurdueLevel.Enterprise] },
            Route.SingleOwner => new RequestFootprint { SiteId = "plant", PurdueLevels = [PurdueLevel.Supervisory], MaxCriticality = 4 },
            Route.JointItOt => new RequestFootprint { SiteId = "plant", PurdueLevels = [PurdueLevel.BasicControl], MaxCriticality = 5, DowntimeHours = downtime },
            _ => new RequestFootprint { SiteId = "plant", PurdueLevels = [PurdueLevel.BasicControl], MaxCriticality = 5, SafetyRelevant = true, Reversible = false, DowntimeHours = 4 },
        };
        var routing = RequestRouter.Route(Policy, route == Route.FastLane ? DecisionScenario.Patch : DecisionScenario.Firmware, footprint);
        Assert.Equal(route, routing.Route);
        return routing;
    }

    private static DecisionRequest Submitted(Route route, string by = "ian")
    {
        var request = new DecisionRequest("REQ-1", route == Route.FastLane ? DecisionScenario.Patch : DecisionScenario.Firmware, "plant", "Update PLC-7 firmware", by, Monday);
        Assert.Null(request.Submit(by, Routed(route), Monday.AddMinutes(5)));
        return request;
    }

    private static RequestError? View(DecisionRequest request, string by, string team, bool approves, string? reason = null, Delegation[]? delegations = null, int minutes = 60) =>
        request.RecordView(by, team, approves, reason ?? (approves ? null : "not in this window"), Policy, delegations ?? [], Monday.AddMinutes(minutes));

    [Fact]
    public void The_fast_lane_approves_on_submission_and_sets_a_review()
    {
        var request = Submitted(Route.FastLane);

        Assert.Equal(RequestState.Approved, request.State);
        Assert.Equal(Monday.AddMinutes(5), request.DecidedAt);
        Assert.Equal(Monday.AddMinutes(5).AddDays(7), request.ReviewDueAt);
        Assert.Contains(request.Timeline, e => e.Kind == RequestEventKind.ReviewDue && e.Text.Contains("ot-engineering informed", StringComparison.Ordinal));
        Assert.Empty(request.WaitingFor());
    }

    [Fact]
    public void A_single_owner_request_is_approved_once_every_required_team_has()
    {
        var request = Submitted(Route.SingleOwner);
        Assert.Equal(RequestState.InReview, request.State);
        Assert.Equal(Monday.AddMinutes(5).AddDays(5), request.DueAt);
        Assert.Contains("ot-engineering", request.WaitingFor());

        Assert.Null(View(request, "olga", "ot-engineering", approves: true));

        // changes-control wants OT; everything-else wants IT or OT: one OT approval satisfies both.
        Assert.Equal(RequestState.Approved, request.State);
        Assert.Empty(request.WaitingFor());
    }

    [Fact]
    public void A_single_owner_rejection_is_final_and_needs_a_reason()
    {
        var request = Submitted(Route.SingleOwner);
        var noReason = request.RecordView("olga", "ot-engineering", false, "  ", Policy, [], Monday.AddHours(1));
        Assert.Equal("reason-required", noReason!.Code);
        Assert.Equal(RequestState.InReview, request.State);

        Assert.Null(View(request, "olga", "ot-engineering", approves: false));
        Assert.Equal(RequestState.Rejected, request.State);
    }

    [Fact]
    public void Joint_sign_off_needs_both_sides()
    {
        var request = Submitted(Route.JointItOt);
        Assert.Null(View(request, "olga", "ot-engineering", approves: true));
        Assert.Equal(RequestState.InReview, request.State);
        Assert.Equal(["it-security"], request.WaitingFor());

        Assert.Null(View(request, "ivy", "it-security", approves: true, minutes: 90));
        Assert.Equal(RequestState.Approved, request.State);
    }

    [Fact]
    public void When_it_and_ot_disagree_the_seam_owner_decides_with_a_written_reason()
    {
        var request = Submitted(Route.JointItOt);
        Assert.Null(View(request, "ivy", "it-security", approves: false, reason: "the firmware is unsigned"));
        Assert.Equal(RequestState.InReview, request.State);
        Assert.Null(View(request, "olga", "ot-engineering", approves: true, minutes: 120));

        Assert.Equal(RequestState.Disagreement, request.State);
        Assert.Equal(["seam"], request.WaitingFor());
        Assert.Contains(request.Timeline, e => e.Kind == RequestEventKind.Disagreement && e.Text.Contains("IT — it-security: reject", StringComparison.Ordinal));

        Assert.Equal("not-seam-owner", request.RuleAsSeamOwner("olga", true, "fine", Policy, Monday.AddHours(3))!.Code);
        Assert.Equal("reason-required", request.RuleAsSeamOwner("sam", true, "", Policy, Monday.AddHours(3))!.Code);
        Assert.Null(request.RuleAsSeamOwner("sam", true, "Vendor confirmed the hash out of band; apply in Sunday's window.", Policy, Monday.AddHours(3)));

        Assert.Equal(RequestState.Approved, request.State);
        Assert.Equal("sam", request.Ruling!.By);
        Assert.StartsWith("Vendor confirmed", request.Ruling.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Both_sides_rejecting_is_a_rejection_not_a_disagreement()
    {
        var request = Submitted(Route.JointItOt);
        Assert.Null(View(request, "ivy", "it-security", approves: false));
        Assert.Null(View(request, "olga", "ot-engineering", approves: false));
        Assert.Equal(RequestState.Rejected, request.State);
    }

    [Fact]
    public void A_critical_request_waits_for_the_seam_owner_even_when_both_sides_approve()
    {
        var request = Submitted(Route.SeamOwner);
        Assert.Null(View(request, "ivy", "it-security", approves: true));
        Assert.Null(View(request, "olga", "ot-engineering", approves: true));
        Assert.Equal(RequestState.InReview, request.State);
        Assert.Equal(["seam"], request.WaitingFor());

        Assert.Null(request.RuleAsSeamOwner("sam", false, "Not before the SIS proof test in March.", Policy, Monday.AddHours(4)));
        Assert.Equal(RequestState.Rejected, request.State);
    }

    [Fact]
    public void Nobody_approves_their_own_request_not_even_through_a_delegate()
    {
        var request = Submitted(Route.JointItOt, by: "ivy");
        Assert.Equal("own-request", View(request, "ivy", "it-security", approves: true)!.Code);

        var away = new Delegation("ivy", "dora", Monday, Monday.AddDays(7));
        var error = View(request, "dora", "it-security", approves: true, delegations: [away]);
        Assert.Equal("own-request", error!.Code);
        Assert.Empty(request.Views);
    }

    [Fact]
    public void A_delegate_acts_for_an_absent_member_only_while_the_delegation_runs()
    {
        var request = Submitted(Route.JointItOt);
        var away = new Delegation("olga", "dora", Monday, Monday.AddHours(2));

        Assert.Equal("not-a-member", View(request, "dora", "ot-engineering", approves: true, delegations: [away], minutes: 180)!.Code);
        Assert.Null(View(request, "dora", "ot-engineering", approves: true, delegations: [away], minutes: 60));

        var view = Assert.Single(request.Views);
        Assert.Equal(("dora", "olga"), (view.By, view.OnBehalfOf));
        Assert.Contains(request.Timeline, e => e.Text.StartsWith("dora (for olga) for ot-engineering: approve", StringComparison.Ordinal));
    }

    [Fact]
    public void Only_asked_teams_and_their_members_give_views()
    {
        var request = Submitted(Route.SingleOwner);
        Assert.Equal("not-a-member", View(request, "kurt", "ot-engineering", approves: true)!.Code);
        Assert.Equal("not-an-approver", View(request, "kurt", "vendor-krones", approves: true)!.Code);
        Assert.Equal(RequestState.InReview, request.State);
    }

    [Fact]
    public void An_overdue_decision_escalates_once()
    {
        var request = Submitted(Route.SingleOwner);
        var due = request.DueAt!.Value;

        Assert.False(request.EscalateIfOverdue(due.AddMinutes(-1)));
        Assert.True(request.EscalateIfOverdue(due));
        Assert.False(request.EscalateIfOverdue(due.AddDays(1)));

        Assert.Equal(due, request.EscalatedAt);
        Assert.Contains(request.Timeline, e => e.Kind == RequestEventKind.Escalated && e.Text.Contains("escalated to seam", StringComparison.Ordinal));
    }

    [Fact]
    public void A_decided_request_does_not_escalate()
    {
        var request = Submitted(Route.SingleOwner);
        Assert.Null(View(request, "olga", "ot-engineering", approves: true));
        Assert.False(request.EscalateIfOverdue(request.DueAt!.Value.AddDays(3)));
    }

    [Fact]
    public void The_whole_life_of_a_change_from_draft_to_closed()
    {
        var request = Submitted(Route.JointItOt);
        Assert.Null(View(request, "olga", "ot-engineering", approves: true));
        Assert.Null(View(request, "ivy", "it-security", approves: true));
        var window = new MaintenanceWindow { Id = "line-1", SiteId = "plant", Name = "Line 1 Sunday stop", Day = DayOfWeek.Sunday, Start = new TimeOnly(2, 0) };

        Assert.Equal("wrong-site", request.Schedule("olga", window with { SiteId = "other" }, Monday.AddHours(2))!.Code);
        Assert.Null(request.Schedule("olga", window, Monday.AddHours(2)));
        Assert.Equal(new DateTimeOffset(2026, 11, 29, 2, 0, 0, TimeSpan.Zero), request.ScheduledFor);
        Assert.Null(request.MarkImplemented("oscar", Monday.AddDays(6)));
        Assert.Equal("own-work", request.Verify("oscar", Monday.AddDays(6))!.Code);
        Assert.Null(request.Verify("olga", Monday.AddDays(6)));
        Assert.Null(request.Close("olga", Monday.AddDays(7)));

        Assert.Equal(RequestState.Closed, request.State);
        Assert.Equal("closed", request.Comment("olga", "one more thing", Monday.AddDays(8))!.Code);
        Assert.Equal(
            [RequestState.Submitted, RequestState.InReview, RequestState.Approved, RequestState.Scheduled, RequestState.Implemented, RequestState.Verified, RequestState.Closed],
            request.Timeline.Where(e => e.Kind == RequestEventKind.StateChanged).Select(e => Enum.Parse<RequestState>(e.Text[2..].Split(':')[0])));
    }

    [Fact]
    public void Only_the_requester_submits_or_withdraws()
    {
        var request = new DecisionRequest("REQ-2", DecisionScenario.Patch, "plant", "Patch", "ian", Monday);
        Assert.Equal("not-requester", request.Submit("ivy", Routed(Route.SingleOwner), Monday)!.Code);
        Assert.Equal("not-requester", request.Withdraw("ivy", Monday)!.Code);
        Assert.Null(request.Withdraw("ian", Monday));
        Assert.Equal(RequestState.Withdrawn, request.State);
        Assert.Null(request.Close("ian", Monday));
    }

    /// <summary>Drives a request into each state by its legal path.</summary>
    private static DecisionRequest InState(RequestState state)
    {
        var request = new DecisionRequest("REQ-9", DecisionScenario.Firmware, "plant", "Firmware", "ian", Monday);
        if (state == RequestState.Draft)
        {
            return request;
        }

        if (state == RequestState.Withdrawn)
        {
            request.Withdraw("ian", Monday);
            return request;
        }

        request.Submit("ian", Routed(Route.JointItOt), Monday);
        switch (state)
        {
            case RequestState.InReview:
                return request;
            case RequestState.Disagreement:
                View(request, "ivy", "it-security", false);
                View(request, "olga", "ot-engineering", true);
                return request;
            case RequestState.Rejected:
                View(request, "ivy", "it-security", false);
                View(request, "olga", "ot-engineering", false);
                return request;
        }

        View(request, "ivy", "it-security", true);
        View(request, "olga", "ot-engineering", true);
        if (state == RequestState.Approved)
        {
            return request;
        }

        request.Schedule("olga", new MaintenanceWindow { Id = "w", SiteId = "plant", Name = "w" }, Monday);
        if (state == RequestState.Scheduled)
        {
            return request;
        }

        request.MarkImplemented("oscar", Monday);
        if (state == RequestState.Implemented)
        {
            return request;
        }

        request.Verify("olga", Monday);
        if (state == RequestState.Verified)
        {
            return request;
        }

        request.Close("olga", Monday);
        return request;
    }

    public static TheoryData<RequestState> ReachableStates => [.. Enum.GetValues<RequestState>().Where(s => s != RequestState.Submitted)];

    [Theory]
    [MemberData(nameof(ReachableStates))]
    public void Every_command_is_allowed_exactly_where_the_transition_table_allows_it(RequestState state)
    {
        Assert.Equal(state, InState(state).State);
        var commands = new (RequestState To, Func<DecisionRequest, RequestError?> Run)[]
        {
            (RequestState.Withdrawn, r => r.Withdraw("ian", Monday.AddDays(1))),
            (RequestState.Implemented, r => r.MarkImplemented("oscar", Monday.AddDays(1))),
            (RequestState.Verified, r => r.Verify("sam", Monday.AddDays(1))),
            (RequestState.Closed, r => r.Close("sam", Monday.AddDays(1))),
            (RequestState.Scheduled, r => r.Schedule("olga", new MaintenanceWindow { Id = "w", SiteId = "plant", Name = "w" }, Monday.AddDays(1))),
        };
        foreach (var (to, run) in commands)
        {
            var request = InState(state);
            var error = run(request);
            if (RequestTransitions.IsLegal(state, to))
            {
                Assert.Null(error);
                Assert.Equal(to, request.State);
            }
            else
            {
                Assert.NotNull(error);
                Assert.Equal("illegal-transition", error.Code);
                Assert.Contains($"cannot become {DecisionRequest.Describe(to)}", error.Message, StringComparison.Ordinal);
                Assert.Equal(state, request.State);
            }
        }

        var submit = InState(state).Submit("ian", Routed(Route.JointItOt), Monday);
        Assert.Equal(state == RequestState.Draft, submit is null);
    }

    [Fact]
    public void A_refused_transition_says_where_the_request_can_go()
    {
        var request = InState(RequestState.Implemented);
        var error = request.Withdraw("ian", Monday);
        Assert.Equal("A request that is implemented cannot become withdrawn; from implemented it can become verified.", error!.Message);
        Assert.Equal("A request that is closed cannot become withdrawn; from closed it can become nothing else: it is final.",
            InState(RequestState.Closed).Withdraw("ian", Monday)!.Message);
    }

    [Fact]
    public void A_restored_request_is_the_same_request_and_its_rules_still_hold()
    {
        var request = Submitted(Route.JointItOt);
        Assert.Null(View(request, "olga", "ot-engineering", approves: true));

        var restored = DecisionRequest.Restore(request.Snapshot());

        Assert.Equal((request.State, request.DueAt, request.Routing), (restored.State, restored.DueAt, restored.Routing));
        Assert.Equal(request.Views, restored.Views);
        Assert.Equal(request.Timeline, restored.Timeline);
        Assert.Equal(request.WaitingFor(), restored.WaitingFor());
        Assert.Equal("own-request", View(restored, "ian", "it-security", approves: true)!.Code);
        Assert.Null(View(restored, "ivy", "it-security", approves: true, minutes: 90));
        Assert.Equal(RequestState.Approved, restored.State);
        Assert.Equal(RequestState.InReview, request.State);
    }
}
