using System.Globalization;
using MudBlazor;
using Seam.Exposure;
using Seam.Exposure.Ssvc;

namespace Seam.Server.Features.Ui.Exposure;

/// <summary>How exposure results are written and coloured on every page, so that a decision reads the same everywhere.</summary>
public static class ExposureText
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>A probability as a percentage: "37 %", "0.4 %", "&lt;0.1 %".</summary>
    public static string Pct(double p) => p switch
    {
        <= 0 => "0 %",
        < 0.001 => "<0.1 %",
        < 0.1 => (p * 100).ToString("0.#", Invariant) + " %",
        _ => (p * 100).ToString("0", Invariant) + " %",
    };

    /// <summary>A 0–100 exposure score.</summary>
    public static string Score(double score) => score.ToString("0.0", Invariant);

    public static string Change(double change) => change switch
    {
        > 0.05 => "+" + change.ToString("0.0", Invariant),
        < -0.05 => "−" + Math.Abs(change).ToString("0.0", Invariant),
        _ => "±0",
    };

    public static string Money(decimal amount) => amount.ToString("#,##0", Invariant);

    public static string Hours(double hours) => hours <= 0 ? "none" : hours.ToString("0.#", Invariant) + " h";

    public static string Date(DateTimeOffset? at) =>
        at is { } t ? t.ToUniversalTime().ToString("ddd yyyy-MM-dd HH:mm", Invariant) + " UTC" : "now";

    public static string Verdict(FindingVerdict verdict) => verdict switch
    {
        FindingVerdict.ReachableAndExploitable => "reachable and exploitable",
        FindingVerdict.Theoretical => "theoretical",
        _ => "closed",
    };

    public static Color VerdictColour(FindingVerdict verdict) => verdict switch
    {
        FindingVerdict.ReachableAndExploitable => Color.Error,
        FindingVerdict.Theoretical => Color.Success,
        _ => Color.Default,
    };

    /// <summary>CISA's coordinator decision as CISA writes it.</summary>
    public static string Cisa(CisaDecision decision) => decision switch
    {
        CisaDecision.TrackStar => "Track*",
        _ => decision.ToString(),
    };

    public static Color CisaColour(CisaDecision decision) => decision switch
    {
        CisaDecision.Act => Color.Error,
        CisaDecision.Attend => Color.Warning,
        CisaDecision.TrackStar => Color.Info,
        _ => Color.Default,
    };

    /// <summary>The deployer's patch priority as CERT/CC writes it.</summary>
    public static string Deployer(DeployerDecision decision) => decision switch
    {
        DeployerDecision.OutOfCycle => "Out-of-Cycle",
        _ => decision.ToString(),
    };

    public static Color DeployerColour(DeployerDecision decision) => decision switch
    {
        DeployerDecision.Immediate => Color.Error,
        DeployerDecision.OutOfCycle => Color.Warning,
        DeployerDecision.Scheduled => Color.Info,
        _ => Color.Default,
    };

    public static string Level(ExposureLevel level) => level.ToString().ToLowerInvariant();

    public static Color LevelColour(ExposureLevel level) => level switch
    {
        ExposureLevel.Critical => Color.Error,
        ExposureLevel.High => Color.Warning,
        ExposureLevel.Medium => Color.Info,
        ExposureLevel.Low => Color.Default,
        _ => Color.Success,
    };

    /// <summary>Score bands for the headline: the same thresholds as the asset levels read (see docs/exposure.md).</summary>
    public static Color ScoreColour(double score) => score switch
    {
        >= 50 => Color.Error,
        >= 25 => Color.Warning,
        >= 10 => Color.Info,
        _ => Color.Success,
    };

    public static string Hop(HopKind kind) => kind switch
    {
        HopKind.Entry => "entry",
        HopKind.Reach => "reach",
        HopKind.Exploit => "exploit",
        HopKind.UnauthenticatedIcs => "unauthenticated ICS",
        HopKind.ControllerCommand => "controller command",
        HopKind.TrustedSession => "trusted session",
        _ => "pivot",
    };

    public static string Outcome(AttackerState state) => state switch
    {
        AttackerState.CanManipulateProcess => "can manipulate the process",
        _ => "controls the asset",
    };

    public static string Element(ElementKind kind) => kind switch
    {
        ElementKind.EntryPoint => "remote access",
        ElementKind.ConduitService => "conduit service",
        ElementKind.AllowRule => "allow rule",
        ElementKind.ObservedFlow => "observed flow",
        ElementKind.Asset => "asset",
        _ => "finding",
    };

    /// <summary>The element's name, with its service when the name does not already say it.</summary>
    public static string Element(CutElement element) =>
        element.Service is { } s && !element.Name.Contains(s.ToString(), StringComparison.OrdinalIgnoreCase) ? $"{element.Name} · {s}" : element.Name;

    /// <summary>Long explanations cut to a readable length; the whole text goes in a tooltip.</summary>
    public static string Short(string text, int max = 180)
    {
        if (text.Length <= max)
        {
            return text;
        }

        // Cut at the last space before the limit, so no word is broken.
        var space = text.LastIndexOf(' ', max - 1);
        return text[..(space > max / 2 ? space : max)] + " …";
    }

    public static string EntryKind(Seam.Inventory.EntryPointKind kind) => kind switch
    {
        Seam.Inventory.EntryPointKind.VendorRemoteAccess => "vendor remote access",
        Seam.Inventory.EntryPointKind.EnterpriseIt => "enterprise IT",
        Seam.Inventory.EntryPointKind.RemovableMedia => "removable media",
        _ => kind.ToString().ToLowerInvariant(),
    };
}
