namespace Seam.Exposure.Ssvc;

/// <summary>
/// An SSVC decision point as the CERT/CC data names it: namespace, key, version, name and its values spelled as the
/// decision table CSVs spell them (lower case, e.g. "public poc", "mef support crippled"). The value at index i is the
/// spelling of the enum member whose numeric value is i.
/// </summary>
public class SsvcDecisionPoint
{
    private protected SsvcDecisionPoint(string nameSpace, string key, string version, string name, IReadOnlyList<string> values)
    {
        Namespace = nameSpace;
        Key = key;
        Version = version;
        Name = name;
        Values = values;
    }

    /// <summary>"ssvc" or "cisa".</summary>
    public string Namespace { get; }

    public string Key { get; }

    public string Version { get; }

    public string Name { get; }

    /// <summary>namespace:key:version, e.g. "ssvc:E:1.1.0".</summary>
    public string Id => $"{Namespace}:{Key}:{Version}";

    /// <summary>The values in SSVC order, lowest first, as the CSV tables spell them.</summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>The index of a value spelled as in the tables (case-insensitive), or -1.</summary>
    public int IndexOf(string spelling)
    {
        for (var i = 0; i < Values.Count; i++)
        {
            if (string.Equals(Values[i], spelling, StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }

    public override string ToString() => Id;
}

/// <summary>A decision point whose values are the members of <typeparamref name="T"/>.</summary>
public sealed class SsvcDecisionPoint<T> : SsvcDecisionPoint
    where T : struct, Enum
{
    internal SsvcDecisionPoint(string nameSpace, string key, string version, string name, params string[] values)
        : base(nameSpace, key, version, name, values)
    {
        var members = Members;
        for (var i = 0; i < members.Length; i++)
        {
            if (Convert.ToInt32(members[i], System.Globalization.CultureInfo.InvariantCulture) != i)
            {
                throw new ArgumentException($"{typeof(T).Name} must number its members 0, 1, 2 … in SSVC order.", nameof(values));
            }
        }

        if (members.Length != values.Length)
        {
            throw new ArgumentException($"{typeof(T).Name} has {members.Length} members but {Id} is given {values.Length} spellings.", nameof(values));
        }
    }

    /// <summary>The value as SSVC spells it, e.g. "public poc".</summary>
    public string Spell(T value) => Values[Ordinal(value)];

    public static int Ordinal(T value) => Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);

    public static T FromOrdinal(int ordinal) => Members[ordinal];

    private static readonly T[] Members = Enum.GetValues<T>();
}

/// <summary>The decision points Seam computes, with the versions the CERT/CC decision tables it embeds are written for.</summary>
public static class SsvcDecisionPoints
{
    public static SsvcDecisionPoint<Exploitation> Exploitation { get; } =
        new("ssvc", "E", "1.1.0", "Exploitation", "none", "public poc", "active");

    public static SsvcDecisionPoint<SystemExposure> SystemExposure { get; } =
        new("ssvc", "EXP", "1.0.1", "System Exposure", "small", "controlled", "open");

    public static SsvcDecisionPoint<Automatable> Automatable { get; } =
        new("ssvc", "A", "2.0.0", "Automatable", "no", "yes");

    public static SsvcDecisionPoint<TechnicalImpact> TechnicalImpact { get; } =
        new("ssvc", "TI", "1.0.0", "Technical Impact", "partial", "total");

    public static SsvcDecisionPoint<SafetyImpact> SafetyImpact { get; } =
        new("ssvc", "SI", "2.0.1", "Safety Impact", "negligible", "marginal", "critical", "catastrophic");

    public static SsvcDecisionPoint<MissionImpact> MissionImpact { get; } =
        new("ssvc", "MI", "2.0.0", "Mission Impact", "degraded", "mef support crippled", "mef failure", "mission failure");

    public static SsvcDecisionPoint<HumanImpact> HumanImpact { get; } =
        new("ssvc", "HI", "2.0.2", "Human Impact", "low", "medium", "high", "very high");

    public static SsvcDecisionPoint<MissionPrevalence> MissionPrevalence { get; } =
        new("cisa", "MP", "1.0.0", "Mission Prevalence", "minimal", "support", "essential");

    public static SsvcDecisionPoint<PublicWellBeingImpact> PublicWellBeing { get; } =
        new("ssvc", "PWI", "1.1.0", "Public Well-Being Impact", "minimal", "material", "irreversible");

    public static SsvcDecisionPoint<MissionAndWellBeing> MissionAndWellBeing { get; } =
        new("ssvc", "MWI", "1.0.0", "Mission and Well-Being Impact", "low", "medium", "high");

    public static SsvcDecisionPoint<CisaDecision> CisaLevels { get; } =
        new("cisa", "CISA", "1.1.0", "CISA Levels", "track", "track*", "attend", "act");

    public static SsvcDecisionPoint<DeployerDecision> DeployerPriority { get; } =
        new("ssvc", "DSOI", "1.0.0", "Defer, Scheduled, Out-of-Cycle, Immediate", "defer", "scheduled", "out-of-cycle", "immediate");
}
