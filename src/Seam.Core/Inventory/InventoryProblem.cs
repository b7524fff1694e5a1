namespace Seam.Inventory;

public enum ProblemSeverity
{
    /// <summary>The data is wrong and is refused (an unknown zone, a duplicate id, criticality 9).</summary>
    Error,

    /// <summary>The data is valid but the design it describes is risky; it is stored and flagged.</summary>
    Smell,
}

/// <summary>The kind of record a problem is about, as it appears in files and URLs.</summary>
public enum InventoryEntity
{
    Team,
    Person,
    Site,
    Zone,
    Conduit,
    Asset,
    EntryPoint,
}

/// <summary>
/// One finding of the validator. <see cref="Message"/> states the fact; <see cref="ForIt"/> and <see cref="ForOt"/>
/// say why it matters to each side of the seam (null for plain data errors, where the fact is the whole story).
/// </summary>
public sealed record InventoryProblem(
    ProblemSeverity Severity,
    string Code,
    InventoryEntity Entity,
    string EntityId,
    string? Field,
    string Message,
    string? ForIt = null,
    string? ForOt = null);
