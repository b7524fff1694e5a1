namespace Seam.Exposure.Ssvc;

/// <summary>One answer of a decision table: the outcome and the CSV row it was read from.</summary>
/// <param name="Table">The table's title, e.g. "CISA coordinator 2.0.3".</param>
/// <param name="Row">The CSV's <c>row</c> id.</param>
public readonly record struct SsvcTableAnswer<T>(T Outcome, string Table, int Row)
    where T : struct, Enum
{
    /// <summary>"CISA coordinator 2.0.3 row 27".</summary>
    public string Citation => $"{Table} row {Row}";
}

/// <summary>
/// The SSVC decision tables Seam embeds (CSV files under <c>Exposure/Ssvc/Tables</c>, resources
/// <c>Seam.Exposure.Ssvc.Tables.&lt;file&gt;</c>), read once on first use. A malformed table is a build defect: the
/// first look-up throws <see cref="InvalidDataException"/> naming the file and line. Thread-safe.
/// </summary>
public static class SsvcTables
{
    /// <summary>Resource names are this prefix and the file name.</summary>
    public const string ResourcePrefix = "Seam.Exposure.Ssvc.Tables.";

    private static readonly Lazy<SsvcDecisionTable> CisaTable = new(() => Load(SsvcTableDefinition.CisaCoordinator));
    private static readonly Lazy<SsvcDecisionTable> DeployerTable = new(() => Load(SsvcTableDefinition.DeployerPatchApplicationPriority));
    private static readonly Lazy<SsvcDecisionTable> HumanImpactTable = new(() => Load(SsvcTableDefinition.HumanImpact));
    private static readonly Lazy<SsvcDecisionTable> MissionAndWellBeingTable = new(() => Load(SsvcTableDefinition.MissionAndWellBeing));

    /// <summary>CISA coordinator 2.0.3: Exploitation × Automatable × Technical Impact × Mission and Well-Being Impact.</summary>
    public static SsvcTableAnswer<CisaDecision> Cisa(Exploitation e, Automatable a, TechnicalImpact ti, MissionAndWellBeing mwi) =>
        Answer<CisaDecision>(CisaTable.Value, [Ordinal(e), Ordinal(a), Ordinal(ti), Ordinal(mwi)]);

    /// <summary>CERT/CC deployer patch application priority 1.0.0: Exploitation × System Exposure × Automatable × Human Impact.</summary>
    public static SsvcTableAnswer<DeployerDecision> Deployer(Exploitation e, SystemExposure exp, Automatable a, HumanImpact hi) =>
        Answer<DeployerDecision>(DeployerTable.Value, [Ordinal(e), Ordinal(exp), Ordinal(a), Ordinal(hi)]);

    /// <summary>CERT/CC human impact 1.0.0: Safety Impact × Mission Impact.</summary>
    public static SsvcTableAnswer<HumanImpact> HumanImpact(SafetyImpact si, MissionImpact mi) =>
        Answer<HumanImpact>(HumanImpactTable.Value, [Ordinal(si), Ordinal(mi)]);

    /// <summary>Mission and Well-Being Impact: Mission Prevalence × Public Well-Being Impact (CISA guide's table).</summary>
    public static SsvcTableAnswer<MissionAndWellBeing> MissionAndWellBeing(MissionPrevalence mp, PublicWellBeingImpact pwi) =>
        Answer<MissionAndWellBeing>(MissionAndWellBeingTable.Value, [Ordinal(mp), Ordinal(pwi)]);

    /// <summary>The embedded text of a table file, exactly as shipped.</summary>
    public static string ReadText(SsvcTableDefinition definition)
    {
        var name = ResourcePrefix + definition.FileName;
        using var stream = typeof(SsvcTables).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidDataException($"{definition.FileName}: the embedded resource '{name}' is missing from {typeof(SsvcTables).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static SsvcDecisionTable Load(SsvcTableDefinition definition) =>
        SsvcDecisionTable.TryParse(definition, ReadText(definition), out var table, out var error)
            ? table
            : throw new InvalidDataException($"Embedded SSVC table refused: {error}");

    private static SsvcTableAnswer<T> Answer<T>(SsvcDecisionTable table, ReadOnlySpan<int> inputs)
        where T : struct, Enum
    {
        var (value, row) = table.Lookup(inputs);
        return new SsvcTableAnswer<T>(SsvcDecisionPoint<T>.FromOrdinal(value), table.Definition.Title, row);
    }

    private static int Ordinal<T>(T value)
        where T : struct, Enum => SsvcDecisionPoint<T>.Ordinal(value);
}
