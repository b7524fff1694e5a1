using Seam.Intelligence;
using Seam.Intelligence.Findings;
using Seam.Intelligence.Matching;

namespace Seam.Core.Tests.Intelligence.Findings;

public sealed class FindingTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 1, 8, 0, 0, TimeSpan.Zero);

    private static AdvisoryMatch Match(string version = "1", FindingState state = FindingState.Open, string asset = "plc", MatchConfidence confidence = MatchConfidence.NameAndVersion, string advisory = "ADV-1") =>
        new(asset, "north", "CVE-2026-0001", advisory, version, "P1", "Product", state switch
        {
            FindingState.Fixed => ProductStatusKind.Fixed,
            FindingState.NotAffected => ProductStatusKind.KnownNotAffected,
            _ => ProductStatusKind.KnownAffected,
        }, confidence, state, $"explanation v{version}", "it", "ot", null, 7.5, null);

    private static Finding Create(AdvisoryMatch match) =>
        Assert.Single(FindingReconciler.Reconcile(match.AdvisoryId, match.AdvisoryVersion, [match], [], T0).Created);

    [Fact]
    public void A_new_match_creates_an_open_finding_with_a_first_history_entry()
    {
        var changes = FindingReconciler.Reconcile("ADV-1", "1", [Match()], [], T0);

        var finding = Assert.Single(changes.Created);
        Assert.Equal(FindingState.Open, finding.State);
        Assert.Equal(FindingReconciler.IdFor("plc", "CVE-2026-0001"), finding.Id);
        var history = Assert.Single(changes.History);
        Assert.Null(history.From);
        Assert.Equal(Finding.SystemActor, history.By);
        Assert.Contains("ADV-1", history.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_newer_revision_updates_in_place_and_keeps_a_human_decision()
    {
        var finding = Create(Match("1"));
        finding.Accept("maria", T0.AddHours(1), "Line 1 is isolated until the shutdown", T0.AddDays(30));

        var changes = FindingReconciler.Reconcile("ADV-1", "2", [Match("2")], [finding], T0.AddDays(2));

        Assert.Empty(changes.Created);
        Assert.Same(finding, Assert.Single(changes.Updated));
        Assert.Equal("2", finding.AdvisoryVersion);
        Assert.Equal("explanation v2", finding.Explanation);
        Assert.Equal(FindingState.Accepted, finding.State);
        Assert.Empty(changes.History);
    }

    [Fact]
    public void Evidence_of_a_fix_closes_a_human_decision_and_says_so()
    {
        var finding = Create(Match("1"));
        finding.Mitigate("maria", T0.AddHours(1), "Conduit blocked");

        var changes = FindingReconciler.Reconcile("ADV-1", "2", [Match("2", FindingState.Fixed)], [finding], T0.AddDays(2));

        Assert.Equal(FindingState.Fixed, finding.State);
        var history = Assert.Single(changes.History);
        Assert.Equal(FindingState.Mitigated, history.From);
        Assert.Equal(FindingState.Fixed, history.To);
    }

    [Fact]
    public void A_revision_that_no_longer_matches_the_asset_closes_the_finding_as_not_affected()
    {
        var finding = Create(Match("1"));

        var changes = FindingReconciler.Reconcile("ADV-1", "2", [], [finding], T0.AddDays(2));

        Assert.Equal(FindingState.NotAffected, finding.State);
        Assert.Contains("no longer matches", Assert.Single(changes.History).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Another_advisory_takes_over_only_with_stronger_evidence()
    {
        var finding = Create(Match("1", confidence: MatchConfidence.NameAndVersion));

        var weaker = FindingReconciler.Reconcile("ADV-2", "1", [Match("1", confidence: MatchConfidence.NameOnly, advisory: "ADV-2")], [finding], T0.AddDays(1));
        Assert.True(weaker.IsEmpty);
        Assert.Equal("ADV-1", finding.AdvisoryId);

        var stronger = FindingReconciler.Reconcile("ADV-2", "1", [Match("1", confidence: MatchConfidence.Identifier, advisory: "ADV-2")], [finding], T0.AddDays(1));
        Assert.Single(stronger.Updated);
        Assert.Equal("ADV-2", finding.AdvisoryId);
    }

    [Fact]
    public void Reimporting_the_same_revision_changes_nothing()
    {
        var finding = Create(Match("1"));

        Assert.True(FindingReconciler.Reconcile("ADV-1", "1", [Match("1")], [finding], T0.AddDays(1)).IsEmpty);
    }

    [Fact]
    public void Decisions_need_a_reason_and_an_acceptance_needs_a_future_expiry()
    {
        var finding = Create(Match());

        Assert.Throws<FindingTransitionException>(() => finding.Mitigate("maria", T0, " "));
        Assert.Throws<FindingTransitionException>(() => finding.Accept("maria", T0, "ok", T0));
        var change = finding.Accept("maria", T0, "Compensated by the line's firewall", T0.AddDays(7));
        Assert.Equal(FindingState.Open, change.From);
        Assert.Equal(FindingState.Accepted, finding.State);
        Assert.Equal(T0.AddDays(7), finding.AcceptedUntil);
    }

    [Fact]
    public void Fixed_and_not_affected_findings_cannot_be_accepted_or_mitigated()
    {
        var finding = Create(Match(state: FindingState.Fixed));

        var error = Assert.Throws<FindingTransitionException>(() => finding.Mitigate("maria", T0, "why"));
        Assert.Contains("fixed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_expired_acceptance_reopens_the_finding()
    {
        var finding = Create(Match());
        finding.Accept("maria", T0, "Until the shutdown", T0.AddDays(7));

        Assert.Null(finding.ExpireAcceptance(T0.AddDays(6)));
        var change = finding.ExpireAcceptance(T0.AddDays(8));

        Assert.NotNull(change);
        Assert.Equal(FindingState.Open, finding.State);
        Assert.Null(finding.AcceptedUntil);
        Assert.Contains("expired", change.Reason, StringComparison.Ordinal);
    }
}
