using System.Globalization;
using Seam.Governance.Policy;
using Seam.Inventory;

namespace Seam.Governance.Requests;

/// <summary>One reason a request's risk tier is what it is, in IT terms and in OT terms.</summary>
public sealed record RiskFactor(string Name, int Points, string ForIt, string ForOt);

/// <summary>A request's risk tier and every factor that put it there.</summary>
public sealed record RiskAssessment(RiskTier Tier, int Points, IReadOnlyList<RiskFactor> Factors, string? Floor)
{
    /// <summary>
    /// Points from what the request touches and from its exposure delta; the sum picks the tier (0–2 low, 3–5 medium,
    /// 6–8 high, 9+ critical), and two facts set a floor whatever the sum: a request that opens a path to a crown
    /// jewel is critical, and an irreversible change to a safety-relevant system is at least high. docs/governance.md
    /// gives the table.
    /// </summary>
    public static RiskAssessment Of(RequestFootprint footprint)
    {
        var factors = new List<RiskFactor>();
        void Add(string name, int points, string forIt, string forOt)
        {
            if (points > 0)
            {
                factors.Add(new RiskFactor(name, points, forIt, forOt));
            }
        }

        var criticality = footprint.MaxCriticality;
        Add("criticality", Math.Max(0, criticality - 2),
            $"Highest asset criticality touched is {criticality} of 5.",
            $"It touches equipment rated {criticality} of 5 for the process.");
        Add("safety", footprint.SafetyRelevant ? 3 : 0,
            "A safety-relevant asset is in scope.",
            "It touches a safety system or a safety-relevant asset.");
        if (footprint.PurdueLevels.Count > 0)
        {
            var lowest = footprint.PurdueLevels.Min();
            Add("purdue-level", lowest <= PurdueLevel.BasicControl ? 2 : lowest == PurdueLevel.Supervisory ? 1 : 0,
                $"It reaches down to Purdue {lowest.DisplayName()}.",
                lowest <= PurdueLevel.BasicControl ? "It works on controllers or field devices that run the process." : "It works on supervisory systems operators use to run the line.");
        }

        Add("irreversible", footprint.Reversible ? 0 : 2,
            "The change cannot simply be rolled back.",
            "If it goes wrong there is no quick way back.");
        var downtime = footprint.DowntimeHours;
        Add("downtime", downtime > 8 ? 2 : downtime > 0 ? 1 : 0,
            $"It needs {downtime.ToString("0.#", CultureInfo.InvariantCulture)} h of downtime.",
            $"The line stops for {downtime.ToString("0.#", CultureInfo.InvariantCulture)} h.");
        if (footprint.Exposure is { } exposure)
        {
            Add("exposure", exposure.CrownJewelsNewlyReachable > 0 || exposure.PathsAdded > 0 ? 4 : exposure.ScoreChange >= 1 ? 2 : exposure.ScoreChange > 0 ? 1 : 0,
                $"Exposure engine: {exposure.Summary}",
                exposure.CrownJewelsNewlyReachable > 0
                    ? $"It would let an attacker reach {exposure.CrownJewelsNewlyReachable} crown jewel(s) that are out of reach today."
                    : "It makes the plant easier to attack from outside.");
        }

        var points = factors.Sum(f => f.Points);
        var tier = points >= 9 ? RiskTier.Critical : points >= 6 ? RiskTier.High : points >= 3 ? RiskTier.Medium : RiskTier.Low;
        string? floor = null;
        if (footprint.Exposure is { CrownJewelsNewlyReachable: > 0 } && tier < RiskTier.Critical)
        {
            tier = RiskTier.Critical;
            floor = "Critical whatever the points: it opens a path to a crown jewel.";
        }
        else if (footprint.SafetyRelevant && !footprint.Reversible && tier < RiskTier.High)
        {
            tier = RiskTier.High;
            floor = "At least high whatever the points: an irreversible change to a safety-relevant system.";
        }

        return new RiskAssessment(tier, points, factors, floor);
    }

    /// <summary>The tier in one sentence: the points and where they came from.</summary>
    public string Why => Factors.Count == 0
        ? $"{Tier}: nothing in scope adds risk (no critical, safety-relevant or control-level asset, reversible, no downtime)."
        : $"{Tier} ({Points} point(s): {string.Join(", ", Factors.Select(f => $"{f.Name} +{f.Points}"))}).{(Floor is null ? string.Empty : " " + Floor)}";
}
