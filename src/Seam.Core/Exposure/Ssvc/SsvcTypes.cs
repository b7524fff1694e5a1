namespace Seam.Exposure.Ssvc;

// Decision points and outcomes as SSVC names them (ssvc namespace, versions as in the CERT/CC data files).

/// <summary>ssvc:E:1.1.0</summary>
public enum Exploitation
{
    None,
    PublicPoc,
    Active,
}

/// <summary>ssvc:EXP:1.0.1</summary>
public enum SystemExposure
{
    Small,
    Controlled,
    Open,
}

/// <summary>ssvc:A:2.0.0</summary>
public enum Automatable
{
    No,
    Yes,
}

/// <summary>ssvc:TI:1.0.0</summary>
public enum TechnicalImpact
{
    Partial,
    Total,
}

/// <summary>ssvc:SI:2.0.1</summary>
public enum SafetyImpact
{
    Negligible,
    Marginal,
    Critical,
    Catastrophic,
}

/// <summary>ssvc:MI:2.0.0</summary>
public enum MissionImpact
{
    Degraded,
    MefSupportCrippled,
    MefFailure,
    MissionFailure,
}

/// <summary>ssvc:HI:2.0.2</summary>
public enum HumanImpact
{
    Low,
    Medium,
    High,
    VeryHigh,
}

/// <summary>cisa:MP:1.0.0</summary>
public enum MissionPrevalence
{
    Minimal,
    Support,
    Essential,
}

/// <summary>ssvc:PWI:1.1.0</summary>
public enum PublicWellBeingImpact
{
    Minimal,
    Material,
    Irreversible,
}

/// <summary>ssvc:MWI:1.0.0</summary>
public enum MissionAndWellBeing
{
    Low,
    Medium,
    High,
}

/// <summary>cisa:CISA:1.1.0 — CISA's coordinator levels.</summary>
public enum CisaDecision
{
    Track,
    TrackStar,
    Attend,
    Act,
}

/// <summary>ssvc:DSOI:1.0.0 — the deployer's patch application priority.</summary>
public enum DeployerDecision
{
    Defer,
    Scheduled,
    OutOfCycle,
    Immediate,
}

/// <summary>The inputs the SSVC decision points are computed from, as the exposure engine knows them for one finding.</summary>
/// <param name="Exposure">System Exposure from the attack graph.</param>
/// <param name="ExposureWhy">Why that exposure, in one sentence (which entry point reaches the asset, or that none does).</param>
public sealed record SsvcInputs(
    Model.ExposureFinding Finding,
    Inventory.Asset Asset,
    SystemExposure Exposure,
    string ExposureWhy);

/// <summary>One decision point's value, with the data it came from.</summary>
/// <param name="Id">SSVC namespace:key:version, e.g. "ssvc:E:1.1.0".</param>
/// <param name="Name">"Exploitation", "System Exposure", …</param>
/// <param name="Value">The value as SSVC spells it, e.g. "public poc".</param>
public sealed record SsvcPoint(string Id, string Name, string Value, string Why);

/// <summary>Both SSVC decisions for one finding, every decision point computed and explained.</summary>
public sealed record SsvcAssessment
{
    public required Exploitation Exploitation { get; init; }

    public required Automatable Automatable { get; init; }

    public required TechnicalImpact TechnicalImpact { get; init; }

    public required SystemExposure SystemExposure { get; init; }

    public required MissionPrevalence MissionPrevalence { get; init; }

    public required PublicWellBeingImpact PublicWellBeing { get; init; }

    public required MissionAndWellBeing MissionAndWellBeing { get; init; }

    public required SafetyImpact SafetyImpact { get; init; }

    public required MissionImpact MissionImpact { get; init; }

    public required HumanImpact HumanImpact { get; init; }

    /// <summary>CISA coordinator table (cisa_coordinator 2.0.3): E × A × TI × MWI.</summary>
    public required CisaDecision Cisa { get; init; }

    /// <summary>CERT/CC deployer patch application priority (1.0.0): E × EXP × A × HI.</summary>
    public required DeployerDecision Deployer { get; init; }

    /// <summary>Every decision point in the order the tables read them, each with why.</summary>
    public required IReadOnlyList<SsvcPoint> Points { get; init; }

    public required string ForIt { get; init; }

    public required string ForOt { get; init; }
}
